package dev.parley.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Rules for the static clients that a reader could miss: text never becomes
 * markup, nothing inline that a strict Content-Security-Policy would block, and
 * nothing loaded from elsewhere (the pages work offline).
 */
class StaticClientsTest {
    private static final Path WEBAPP = Path.of("webapp");

    private static List<Path> files(String extension) throws IOException {
        try (Stream<Path> files = Files.walk(WEBAPP)) {
            return files.filter(p -> p.toString().endsWith(extension)).sorted().toList();
        }
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    @Test
    void scriptsNeverWriteMarkup() throws IOException {
        Pattern markupSinks = Pattern.compile("innerHTML|outerHTML|insertAdjacentHTML|document\\.write|createContextualFragment");
        List<Path> scripts = files(".js");
        assertFalse(scripts.isEmpty());
        for (Path script : scripts) {
            Matcher sink = markupSinks.matcher(read(script));
            assertFalse(sink.find(), () -> script + " uses " + sink.group());
        }
    }

    @Test
    void pagesHaveNoInlineScriptStyleOrHandlers() throws IOException {
        Pattern inline = Pattern.compile("<script(?![^>]*\\bsrc=)[^>]*>|<style\\b|\\sstyle\\s*=|\\son[a-z]+\\s*=|javascript:",
                Pattern.CASE_INSENSITIVE);
        for (Path page : files(".html")) {
            Matcher found = inline.matcher(read(page));
            assertFalse(found.find(), () -> page + " has inline " + found.group());
        }
    }

    @Test
    void nothingIsLoadedFromAnotherSite() throws IOException {
        Pattern external = Pattern.compile("(src|href)\\s*=\\s*\"(https?:)?//|@import|url\\(\\s*['\"]?(https?:)?//|import\\s[^;]*from\\s+['\"]https?:",
                Pattern.CASE_INSENSITIVE);
        for (String extension : List.of(".html", ".js", ".css")) {
            for (Path file : files(extension)) {
                Matcher found = external.matcher(read(file));
                assertFalse(found.find(), () -> file + " loads " + found.group());
            }
        }
    }

    @Test
    void everyPageHasTheFaviconAndAViewport() throws IOException {
        List<Path> pages = files(".html");
        assertEquals(4, pages.size(), pages::toString);
        for (Path page : pages) {
            String html = read(page);
            assertTrue(html.contains("<link rel=\"icon\" href=\"favicon.svg\" type=\"image/svg+xml\">"), page + ": favicon");
            assertTrue(html.contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"), page + ": viewport");
        }
        assertTrue(Files.isRegularFile(WEBAPP.resolve("favicon.svg")));
    }
}
