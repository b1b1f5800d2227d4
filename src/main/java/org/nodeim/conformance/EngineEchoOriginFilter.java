package org.nodeim.conformance;

import jakarta.servlet.annotation.WebFilter;
import org.nodeim.protocol.OriginFilter;

/** The cross-origin rules of {@code /socket.io/}, applied to the bare Engine.IO server too. */
@WebFilter(urlPatterns = "/engine.io/", asyncSupported = true)
public class EngineEchoOriginFilter extends OriginFilter {

    private static final long serialVersionUID = 1L;
}
