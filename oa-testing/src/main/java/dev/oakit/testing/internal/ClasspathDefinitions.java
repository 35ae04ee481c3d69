package dev.oakit.testing.internal;

import dev.oakit.workflow.ProcessDefinition;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/** The process definitions (JSON or YAML, the formats of docs/process-definitions.md) in a class-path folder, by file name. */
final class ClasspathDefinitions {
    private ClasspathDefinitions() {
    }

    static List<ProcessDefinition> load(String folder) {
        if (folder == null || folder.isBlank()) {
            return List.of();
        }
        String base = folder.replaceAll("^/+|/+$", "");
        TreeMap<String, String> files = new TreeMap<>();
        try {
            Enumeration<URL> roots = Thread.currentThread().getContextClassLoader().getResources(base);
            while (roots.hasMoreElements()) {
                URL root = roots.nextElement();
                if (root.getProtocol().equals("file")) {
                    try (Stream<Path> walk = Files.walk(Path.of(root.toURI()))) {
                        for (Path p : walk.filter(Files::isRegularFile).filter(ClasspathDefinitions::isDefinition).toList()) {
                            files.put(p.toString(), Files.readString(p, StandardCharsets.UTF_8));
                        }
                    }
                } else if (root.getProtocol().equals("jar")) {
                    JarURLConnection c = (JarURLConnection) root.openConnection();
                    c.setUseCaches(false);
                    try (JarFile jar = c.getJarFile()) {
                        for (JarEntry e : jar.stream().filter(e -> e.getName().startsWith(base + "/") && !e.isDirectory()).toList()) {
                            if (isDefinition(Path.of(e.getName()))) {
                                try (InputStream in = jar.getInputStream(e)) {
                                    files.put(root + "!" + e.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
                                }
                            }
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read process definitions under class-path folder '" + base + "': " + e.getMessage(), e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot read class-path folder '" + base + "': " + e.getMessage(), e);
        }
        List<ProcessDefinition> definitions = new ArrayList<>();
        files.forEach((name, text) -> {
            try {
                definitions.add(name.endsWith(".json") ? ProcessDefinition.fromJson(text) : ProcessDefinition.fromYaml(text));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("process definition " + name + " cannot be read: " + e.getMessage(), e);
            }
        });
        return definitions;
    }

    private static boolean isDefinition(Path p) {
        String n = p.getFileName().toString();
        return n.endsWith(".json") || n.endsWith(".yaml") || n.endsWith(".yml");
    }
}
