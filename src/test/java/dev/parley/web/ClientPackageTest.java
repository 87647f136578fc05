package dev.parley.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The browser client library in {@code webapp/js/client} is an npm package as
 * it is: {@code npm pack} lists exactly its modules, its type declarations,
 * its README and package.json, and every module imports only from the package.
 */
class ClientPackageTest {
    private static final Path CLIENT = Path.of("webapp", "js", "client");
    private static final Pattern IMPORT = Pattern.compile("(?:import|export)\\s[^;]*?from\\s+'([^']+)'");

    private static Set<String> modules() throws IOException {
        try (Stream<Path> files = Files.list(CLIENT)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".js"))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    /** The package as {@code npm pack --dry-run --json} describes it; nothing is written. */
    private static JsonObject dryRunPack() throws IOException, InterruptedException {
        Process npm;
        try {
            npm = new ProcessBuilder("npm", "pack", "--dry-run", "--json", "--ignore-scripts")
                    .directory(CLIENT.toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException e) {
            return fail("npm was not found: this test packs the browser client library with it."
                    + " Install Node.js (it brings npm) and run the build again. (" + e.getMessage() + ")");
        }
        String out = new String(npm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(npm.waitFor(2, TimeUnit.MINUTES), "npm pack did not finish");
        assertEquals(0, npm.exitValue(), () -> "npm pack --dry-run failed: " + out);
        JsonArray packages = Json.createReader(new StringReader(out)).readArray();
        assertEquals(1, packages.size(), out);
        return packages.getJsonObject(0);
    }

    @Test
    void npmPacksTheModulesTheTypesAndNothingElse() throws Exception {
        JsonObject pack = dryRunPack();
        Set<String> listed = pack.getJsonArray("files").getValuesAs(JsonObject.class).stream()
                .map(f -> f.getString("path")).collect(Collectors.toCollection(TreeSet::new));

        Set<String> expected = new TreeSet<>(modules());
        expected.addAll(Set.of("index.d.ts", "package.json", "README.md"));
        assertTrue(expected.contains("index.js"), "the entry module is there");
        assertEquals(expected, listed);
        assertEquals("@parley/client", pack.getString("name"));
        assertEquals("0.2.0", pack.getString("version"));
    }

    @Test
    void packageJsonDescribesAnEsModuleWithItsTypes() throws IOException {
        JsonObject manifest = Json.createReader(Files.newBufferedReader(CLIENT.resolve("package.json"))).readObject();
        assertEquals("module", manifest.getString("type"));
        assertEquals("Apache-2.0", manifest.getString("license"));
        assertEquals("./index.d.ts", manifest.getString("types"));
        JsonObject root = manifest.getJsonObject("exports").getJsonObject(".");
        assertEquals("./index.d.ts", root.getString("types"));
        assertEquals("./index.js", root.getString("default"));
        for (JsonValue target : root.values()) {
            String file = ((JsonString) target).getString();
            assertTrue(Files.isRegularFile(CLIENT.resolve(file)), file + " exists");
        }
    }

    @Test
    void modulesImportOnlyFromThePackage() throws IOException {
        for (String module : modules()) {
            Matcher imported = IMPORT.matcher(Files.readString(CLIENT.resolve(module), StandardCharsets.UTF_8));
            while (imported.find()) {
                String target = imported.group(1);
                assertTrue(target.startsWith("./") && !target.substring(2).contains("/"),
                        module + " imports " + target + " from outside the package");
                assertTrue(Files.isRegularFile(CLIENT.resolve(target.substring(2))), module + " imports " + target + ", which is missing");
            }
        }
    }
}
