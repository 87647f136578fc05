package dev.parley.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.parley.api.ApiRoute.Endpoint;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ApiRouteTest {

    @ParameterizedTest
    @CsvSource({
        "POST, /rooms/lobby/messages,  ROOM_MESSAGES, lobby",
        "POST, /users/bob.42/messages, USER_MESSAGES, bob.42",
        "GET,  /rooms/ci/presence,     ROOM_PRESENCE, ci",
        "GET,  /rooms/李雷/history,     ROOM_HISTORY,  李雷",
        "GET,  /users/bob/inbox,       USER_INBOX,    bob",
        "POST, /users/bob/disconnect,  USER_DISCONNECT, bob",
    })
    void knownPathsNameTheirEndpointAndName(String method, String path, Endpoint endpoint, String name) {
        assertEquals(new ApiRoute(endpoint, name), ApiRoute.of(method, path));
    }

    @ParameterizedTest
    @CsvSource({
        "GET,  /rooms,        ROOMS",
        "POST, /broadcast,    BROADCAST",
        "GET,  /openapi.json, OPENAPI",
    })
    void pathsOfOneSegmentNameNoRoomOrUser(String method, String path, Endpoint endpoint) {
        assertEquals(new ApiRoute(endpoint, null), ApiRoute.of(method, path));
    }

    @ParameterizedTest
    @CsvSource({
        "/rooms/lobby/messages, room_messages",
        "/users/a/messages,     user_messages",
        "/rooms/x/history,      room_history",
        "/rooms,                rooms",
        "/users/a:b/inbox,      user_inbox",
    })
    void anEndpointsMetricsLabelIsItsNameNeverThePath(String path, String label) {
        assertEquals(label, Endpoint.at(path).orElseThrow().label());
    }

    @ParameterizedTest
    @CsvSource(value = {
        "GET,    ''",
        "GET,    /",

        "GET,    /rooms/lobby",
        "GET,    /rooms/",
        "GET,    /broadcast/x",
        "GET,    /users",
        "GET,    /rooms/lobby/members",
        "POST,   /users/bob/presence",
        "POST,   /rooms/lobby/messages/extra",
        "GET,    rooms/lobby/history",
        "GET,    NULL",
    }, nullValues = "NULL")
    void unknownPathsAre404(String method, String path) {
        ApiProblem problem = assertThrows(ApiProblem.class, () -> ApiRoute.of(method, path));
        assertEquals(404, problem.status());
        assertEquals("not_found", problem.code());
    }

    @ParameterizedTest
    @CsvSource({
        "GET,    /rooms/lobby/messages, POST",
        "DELETE, /users/bob/messages,   POST",
        "POST,   /rooms/lobby/presence, GET",
        "PUT,    /rooms/lobby/history,  GET",
        "GET,    /broadcast,            POST",
        "POST,   /rooms,                GET",
        "GET,    /users/bob/disconnect, POST",
        "POST,   /users/bob/inbox,      GET",
    })
    void anotherMethodIs405AndSaysWhichIsAllowed(String method, String path, String allow) {
        ApiProblem problem = assertThrows(ApiProblem.class, () -> ApiRoute.of(method, path));
        assertEquals(405, problem.status());
        assertEquals("method_not_allowed", problem.code());
        assertEquals(allow, problem.allow());
    }

    @ParameterizedTest
    @CsvSource({
        "POST, /rooms/a b/messages",
        "POST, /users//messages",
        "GET,  /rooms/a:b/presence",
        "GET,  /rooms/abcdefghijklmnopqrstuvwxyz0123456/history",
    })
    void anInvalidNameIs400(String method, String path) {
        ApiProblem problem = assertThrows(ApiProblem.class, () -> ApiRoute.of(method, path));
        assertEquals(400, problem.status());
        assertEquals("bad_request", problem.code());
    }
}
