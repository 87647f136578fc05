package dev.parley.health;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.util.Map;

/** One named check of a probe, in MicroProfile Health's shape: {@code {"name":..,"status":"UP","data":{..}}}. */
@JsonbPropertyOrder({"name", "status", "data"})
public record Check(String name, String status, Map<String, Object> data) {

    public static Check of(String name, boolean up, Map<String, Object> data) {
        return new Check(name, up ? "UP" : "DOWN", data);
    }

    boolean passed() {
        return status.equals("UP");
    }
}
