package dev.oakit.http.internal.workbench;

import dev.oakit.workflow.Node;
import dev.oakit.workflow.ProcessDefinition;
import dev.oakit.workflow.Route;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Draws a process definition as SVG, top to bottom (a phone's screen is narrow and tall): each node on the row of
 * its longest forward distance from the start, routes as arrows (routes back up are left out: the timeline tells
 * returns). Current nodes are highlighted, done ones marked. Every text is XML-escaped.
 */
final class ProcessDiagram {
    static final int W = 150;
    static final int H = 40;
    static final int GAP_X = 24;
    static final int GAP_Y = 36;

    private ProcessDiagram() {
    }

    /**
     * @param current the instance's active nodes
     * @param done the nodes it has passed
     * @return an {@code <svg>} element
     */
    static String svg(ProcessDefinition d, Set<String> current, Set<String> passed, String title) {
        Set<String> done = withGatewaysPassed(d, current, passed);
        Map<String, Integer> row = rows(d);
        Map<Integer, List<Node>> byRow = new LinkedHashMap<>();
        for (Node n : d.nodes()) {
            byRow.computeIfAbsent(row.getOrDefault(n.id(), 0), k -> new ArrayList<>()).add(n);
        }
        int cols = byRow.values().stream().mapToInt(List::size).max().orElse(1);
        int rows = byRow.keySet().stream().mapToInt(Integer::intValue).max().orElse(0) + 1;
        int width = cols * W + (cols + 1) * GAP_X;
        int height = rows * H + (rows + 1) * GAP_Y;
        Map<String, int[]> at = new HashMap<>();
        byRow.forEach((r, nodes) -> {
            int left = (width - (nodes.size() * W + (nodes.size() - 1) * GAP_X)) / 2;
            for (int i = 0; i < nodes.size(); i++) {
                at.put(nodes.get(i).id(), new int[] {left + i * (W + GAP_X), GAP_Y + r * (H + GAP_Y)});
            }
        });
        StringBuilder s = new StringBuilder();
        s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" viewBox=\"0 0 ").append(width).append(' ').append(height)
                .append("\" width=\"").append(width).append("\" height=\"").append(height).append("\" aria-label=\"").append(esc(title))
                .append("\"><defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"8\" markerHeight=\"8\" markerUnits=\"userSpaceOnUse\" ")
                .append("orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#8c959f\"/></marker></defs>");
        for (Route r : d.routes()) {
            int[] a = at.get(r.from());
            int[] b = at.get(r.to());
            if (a == null || b == null || b[1] <= a[1]) {
                continue;
            }
            boolean taken = done.contains(r.from()) && (done.contains(r.to()) || current.contains(r.to()));
            s.append("<line x1=\"").append(a[0] + W / 2).append("\" y1=\"").append(a[1] + H).append("\" x2=\"").append(b[0] + W / 2)
                    .append("\" y2=\"").append(b[1]).append("\" stroke=\"").append(taken ? "#1a7f37" : "#8c959f")
                    .append("\" stroke-width=\"").append(taken ? 2 : 1).append("\" marker-end=\"url(#arrow)\"/>");
        }
        for (Node n : d.nodes()) {
            int[] p = at.get(n.id());
            String state = current.contains(n.id()) ? "current" : done.contains(n.id()) ? "done" : "todo";
            String fill = switch (state) {
                case "current" -> "#ddf4ff";
                case "done" -> "#dafbe1";
                default -> "#ffffff";
            };
            String stroke = switch (state) {
                case "current" -> "#0969da";
                case "done" -> "#1a7f37";
                default -> "#8c959f";
            };
            s.append("<g class=\"node ").append(state).append("\" data-node=\"").append(esc(n.id())).append("\">");
            if (n instanceof Node.Exclusive || n instanceof Node.Parallel || n instanceof Node.Inclusive || n instanceof Node.Join) {
                int cx = p[0] + W / 2;
                int cy = p[1] + H / 2;
                s.append("<polygon points=\"").append(cx).append(',').append(p[1]).append(' ').append(cx + 30).append(',').append(cy).append(' ')
                        .append(cx).append(',').append(p[1] + H).append(' ').append(cx - 30).append(',').append(cy).append("\" fill=\"").append(fill)
                        .append("\" stroke=\"").append(stroke).append("\"/>");
            } else {
                int rx = n instanceof Node.Start || n instanceof Node.End ? H / 2 : 6;
                s.append("<rect x=\"").append(p[0]).append("\" y=\"").append(p[1]).append("\" width=\"").append(W).append("\" height=\"").append(H)
                        .append("\" rx=\"").append(rx).append("\" fill=\"").append(fill).append("\" stroke=\"").append(stroke)
                        .append("\" stroke-width=\"").append("current".equals(state) ? 3 : 1).append("\"/>");
            }
            String label = n.name() == null || n.name().isBlank() ? n.id() : n.name();
            s.append("<text x=\"").append(p[0] + W / 2).append("\" y=\"").append(p[1] + H / 2 + 5).append("\" text-anchor=\"middle\" font-size=\"13\" ")
                    .append("fill=\"#1f2328\">").append(esc("done".equals(state) ? "✓ " + label : label)).append("</text></g>");
        }
        return s.append("</svg>").toString();
    }

    /** Gateways leave no history: one is passed when a node before it and a node after it were reached. */
    private static Set<String> withGatewaysPassed(ProcessDefinition d, Set<String> current, Set<String> passed) {
        Set<String> done = new java.util.HashSet<>(passed);
        boolean grew = true;
        while (grew) {
            grew = false;
            for (Node n : d.nodes()) {
                if (done.contains(n.id()) || current.contains(n.id()) || !(n instanceof Node.Exclusive || n instanceof Node.Parallel
                        || n instanceof Node.Inclusive || n instanceof Node.Join)) {
                    continue;
                }
                boolean before = d.routesTo(n.id()).stream().anyMatch(r -> done.contains(r.from()));
                boolean after = d.routesFrom(n.id()).stream().anyMatch(r -> done.contains(r.to()) || current.contains(r.to()));
                if (before && after) {
                    done.add(n.id());
                    grew = true;
                }
            }
        }
        return done;
    }

    /** @return each node's row: its longest distance from the start over forward routes (a route to a node already on the path is a loop) */
    static Map<String, Integer> rows(ProcessDefinition d) {
        Map<String, Integer> row = new HashMap<>();
        Node start = d.nodes().stream().filter(Node.Start.class::isInstance).findFirst().orElse(d.nodes().get(0));
        Deque<List<String>> paths = new ArrayDeque<>();
        paths.push(List.of(start.id()));
        int budget = 10_000; // bounded: a definition with many branches still draws, rows may then be less tidy
        while (!paths.isEmpty() && budget-- > 0) {
            List<String> path = paths.pop();
            String last = path.get(path.size() - 1);
            Integer known = row.get(last);
            if (known != null && known >= path.size() - 1) {
                continue;
            }
            row.put(last, path.size() - 1);
            for (Route r : d.routesFrom(last)) {
                if (!path.contains(r.to())) {
                    List<String> next = new ArrayList<>(path);
                    next.add(r.to());
                    paths.push(next);
                }
            }
        }
        int last = row.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        for (Node n : d.nodes()) {
            row.putIfAbsent(n.id(), ++last);
        }
        return row;
    }

    private static String esc(String s) {
        return SvgChart.esc(s);
    }
}
