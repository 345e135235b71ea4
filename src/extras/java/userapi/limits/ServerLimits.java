package userapi.limits;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The limits we set on purpose for the JDK's HttpServer, which reads them once from system properties when its
 * first server starts. A value given on the command line (-Dname=value) wins over ours.
 */
public final class ServerLimits {
    /** name -> our value; the README's "limits" table lists the same. */
    public static final Map<String, String> JDK_PROPERTIES = jdkProperties();
    public static final int MAX_URI_LENGTH = 8 * 1024;
    public static final int MAX_HEADER_COUNT = 100;
    public static final int MAX_HEADER_BYTES = 16 * 1024;

    private ServerLimits() {
    }

    private static Map<String, String> jdkProperties() {
        Map<String, String> limits = new LinkedHashMap<>();
        limits.put("sun.net.httpserver.maxReqTime", "10");       // seconds to receive a whole request
        limits.put("sun.net.httpserver.maxRspTime", "30");       // seconds to produce and send a response
        limits.put("sun.net.httpserver.idleInterval", "30");     // seconds a keep-alive connection may idle
        // ms between the JDK's checks for idle connections; one that has sent nothing is closed after the lesser
        // of idleInterval and maxReqTime, so within 10 to 11 s of accept (10 to 20 s at the JDK's 10 s default)
        limits.put("sun.net.httpserver.clockTick", "1000");
        limits.put("jdk.httpserver.maxConnections", "2000");     // open connections; more are closed at accept
        limits.put("sun.net.httpserver.maxReqHeaders", "200");   // hard cap; we answer 431 above MAX_HEADER_COUNT
        limits.put("sun.net.httpserver.maxReqHeaderSize", "65536"); // hard cap; we answer 414/431 below it
        limits.put("sun.net.httpserver.nodelay", "true");        // small JSON answers go out at once
        return Map.copyOf(limits);
    }

    /**
     * Sets every limit the operator has not set already, then lets as many connections idle as may be open: the
     * JDK closes a connection it has just served, with no word to the client, once 200 others idle (its default
     * sun.net.httpserver.maxIdleConnections), so past 200 keep-alive clients their next requests would fail. Must
     * run before the first HttpServer is created.
     */
    public static void applyToJdk() {
        JDK_PROPERTIES.forEach((name, value) -> {
            if (System.getProperty(name) == null) {
                System.setProperty(name, value);
            }
        });
        if (System.getProperty("sun.net.httpserver.maxIdleConnections") == null) {
            int cap = Integer.getInteger("jdk.httpserver.maxConnections", 0); // read as the JDK does: 0 or less is none
            System.setProperty("sun.net.httpserver.maxIdleConnections", String.valueOf(cap > 0 ? cap : Integer.MAX_VALUE));
        }
    }
}
