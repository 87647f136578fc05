package dev.parley.health;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.util.List;

/** A probe's answer: UP when every check is, in MicroProfile Health's shape {@code {"status":..,"checks":[..]}}. */
@JsonbPropertyOrder({"status", "checks"})
public record Report(String status, List<Check> checks) {

    public static Report of(Check... checks) {
        boolean up = List.of(checks).stream().allMatch(Check::passed);
        return new Report(up ? "UP" : "DOWN", List.of(checks));
    }

    boolean passed() {
        return status.equals("UP");
    }
}
