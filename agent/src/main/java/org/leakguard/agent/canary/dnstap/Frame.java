package org.leakguard.agent.canary.dnstap;

/** One Frame Streams frame: a data frame's bytes or a control frame. */
sealed interface Frame {
    record Data(byte[] bytes) implements Frame {}

    record ControlFrame(Control control) implements Frame {}
}
