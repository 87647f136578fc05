package dev.parley.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The server's name rule against {@code names.json}, the cases the pages' rule is checked against too. */
class NamesVectorsTest {

    @Test
    void everyCaseOfTheSharedListIsAnsweredAsListed() throws IOException {
        List<String> wrong = new ArrayList<>();
        int count = 0;
        try (InputStream in = NamesVectorsTest.class.getResourceAsStream("/names.json");
             JsonReader reader = Json.createReader(in)) {
            for (JsonObject c : reader.readObject().getJsonArray("cases").getValuesAs(JsonObject.class)) {
                count++;
                String name = c.getString("name");
                if (Names.isValid(name) != c.getBoolean("valid")) {
                    wrong.add(escaped(name) + " should be " + (c.getBoolean("valid") ? "valid" : "invalid"));
                }
                if (c.containsKey("nfc") && !c.getString("nfc").equals(Names.normalized(name))) {
                    wrong.add(escaped(name) + " should normalise to " + escaped(c.getString("nfc")));
                }
            }
        }
        assertTrue(count > 20, "the list has its cases");
        assertEquals(List.of(), wrong);
    }

    private static String escaped(String s) {
        StringBuilder out = new StringBuilder();
        s.chars().forEach(ch -> out.append(ch < 0x7f && ch > 0x20 ? String.valueOf((char) ch) : String.format("\\u%04x", ch)));
        return out.toString();
    }
}
