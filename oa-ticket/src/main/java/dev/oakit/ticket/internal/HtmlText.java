package dev.oakit.ticket.internal;

import dev.oakit.ticket.internal.store.Columns;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeFilter;
import org.jsoup.select.NodeTraversor;

import java.util.Set;

/**
 * Enough HTML-to-text for a ticket description: blocks become lines, scripts, styles and the head
 * go, entities are decoded. The HTML is parsed by jsoup (a linear HTML5 tree builder) and walked
 * without recursion, and the white space is tidied in one pass: no regular expressions, so a
 * crafted mail costs time in proportion to its size, and only the first {@code maxChars} of the
 * HTML are read at all.
 */
final class HtmlText {
    private static final Set<String> DROP = Set.of("head", "script", "style", "template", "noscript", "title");
    private static final Set<String> BLOCK = Set.of("p", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol",
            "blockquote", "pre", "section", "article", "header", "footer", "address", "dd", "dt", "hr");

    private HtmlText() {
    }

    /**
     * @param maxChars the most HTML characters read; a longer part is cut there and the text ends with a note saying so
     * @return the text, stripped
     */
    static String toText(String html, int maxChars) {
        boolean cut = html.length() > maxChars;
        Lines lines = new Lines();
        NodeTraversor.filter(lines, Jsoup.parse(cut ? Columns.cut(html, maxChars) : html));
        String text = tidy(lines.raw);
        if (!cut) {
            return text;
        }
        return (text.isEmpty() ? "" : text + "\n\n") + "[… cut: the HTML part has " + html.length() + " characters; only the first " + maxChars
                + " were turned into text]";
    }

    /**
     * Collects the text: a block starts and ends a line (once: two blocks in a row are one line
     * break), {@code <br>} is a line break of its own, table cells are separated by a space, and
     * line breaks in the HTML source are spaces except inside {@code <pre>}.
     */
    private static final class Lines implements NodeFilter {
        final StringBuilder raw = new StringBuilder();
        private boolean lineStart = true;
        private int pre;

        @Override
        public FilterResult head(Node node, int depth) {
            if (node instanceof TextNode t) {
                text(t.getWholeText());
            } else if (node instanceof Element e) {
                String tag = e.normalName();
                if (DROP.contains(tag)) {
                    return FilterResult.SKIP_ENTIRELY;
                }
                if (tag.equals("br")) {
                    raw.append('\n');
                    lineStart = true;
                } else if (BLOCK.contains(tag)) {
                    endLine();
                }
                if (tag.equals("pre")) {
                    pre++;
                }
            }
            return FilterResult.CONTINUE;
        }

        @Override
        public FilterResult tail(Node node, int depth) {
            if (node instanceof Element e) {
                String tag = e.normalName();
                if (BLOCK.contains(tag)) {
                    endLine();
                } else if (tag.equals("td") || tag.equals("th")) {
                    raw.append(' ');
                }
                if (tag.equals("pre")) {
                    pre--;
                }
            }
            return FilterResult.CONTINUE;
        }

        private void text(String s) {
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == '\r' && i + 1 < s.length() && s.charAt(i + 1) == '\n') {
                    continue;
                }
                if (c == '\n' || c == '\r') {
                    if (pre > 0) {
                        raw.append('\n');
                        lineStart = true;
                    } else {
                        raw.append(' ');
                    }
                } else {
                    raw.append(c);
                    lineStart &= Character.isWhitespace(c) || c == '\u00A0';
                }
            }
        }

        private void endLine() {
            if (!lineStart) {
                raw.append('\n');
                lineStart = true;
            }
        }
    }

    /** Runs of spaces become one space, spaces next to a line break go, at most one empty line in a row; stripped. */
    private static String tidy(CharSequence s) {
        StringBuilder out = new StringBuilder(s.length());
        boolean space = false;
        int breaks = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\n') {
                space = false;
                breaks++;
            } else if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\u000B' || c == '\u00A0') {
                space = true;
            } else {
                if (breaks > 0 && out.length() > 0) {
                    out.append(breaks == 1 ? "\n" : "\n\n");
                } else if (space && out.length() > 0) {
                    out.append(' ');
                }
                space = false;
                breaks = 0;
                out.append(c);
            }
        }
        return out.toString();
    }
}
