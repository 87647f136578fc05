package dev.parley.wire;

/**
 * A frame the server sends. Each record carries its {@code type} as its first component; components that
 * do not apply are null and left out of the JSON.
 */
public sealed interface ServerFrame
        permits WelcomeFrame, MessageFrame, PresenceFrame, AckFrame, ErrorFrame, PongFrame, StatsFrame, TokenFrame {

    String type();
}
