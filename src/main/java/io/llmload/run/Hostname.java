package io.llmload.run;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** This injector's name for the {@code injector} tag. */
final class Hostname {

    private Hostname() {
    }

    static String get() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) return env.trim();
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown";
        }
    }
}
