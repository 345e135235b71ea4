package userapi.openapi;

import userapi.exception.RejectedRequest;
import userapi.http.Request;
import userapi.http.Response;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * GET /openapi.json, GET /docs and GET /docs/{file}: the OpenAPI document and the Swagger UI page that reads it,
 * every answer built once, on its first request (not at start: few requests ask for them, and building them was a
 * fifth of the start-up), so a later request costs a map lookup. The UI's files come from inside the jar
 * (the pinned org.webjars:swagger-ui), only the few the page needs, named in a fixed list: no path can reach
 * anything else. The page fetches nothing from another host, and its Content-Security-Policy forbids it to.
 * curl localhost:8080/openapi.json, or open http://127.0.0.1:8080/docs
 */
public final class ApiDocs {
    private static final String WEBJAR_POM = "/META-INF/maven/org.webjars/swagger-ui/pom.properties";
    private static final String WEBJAR_FILES = "/META-INF/resources/webjars/swagger-ui/";
    /** The files of the UI the page loads, and their types. */
    static final Map<String, String> FILES = Map.of(
            "swagger-ui-bundle.js", "text/javascript; charset=utf-8",
            "swagger-ui.css", "text/css; charset=utf-8",
            "favicon-32x32.png", "image/png",
            "favicon-16x16.png", "image/png");
    /** The page and the document change with each build: a browser asks again every time. */
    static final String REVALIDATE = "no-cache";
    /** A UI file asked for by the versioned URL the page uses never changes. */
    static final String IMMUTABLE = "public, max-age=31536000, immutable";

    private final String uiVersion;
    /** The page, each UI file twice (under the page's version, and without), and the document, once built. */
    private final Map<String, Response> built = new ConcurrentHashMap<>();
    private final AtomicReference<Supplier<byte[]>> documentSource = new AtomicReference<>();

    private ApiDocs(String uiVersion) {
        this.uiVersion = uiVersion;
    }

    /**
     * Finds the UI's files on the class path, without reading them yet; fails the start if the pinned webjar or
     * one of its files is missing.
     */
    public static ApiDocs load() {
        String version = webjarVersion();
        for (String name : FILES.keySet()) {
            if (ApiDocs.class.getResource(WEBJAR_FILES + version + "/" + name) == null) {
                throw new IllegalStateException("Swagger UI file missing from the class path: " + WEBJAR_FILES + version + "/" + name);
            }
        }
        return new ApiDocs(version);
    }

    /**
     * Takes how to build the document from the finished route table; called once, before the server starts. The
     * first GET /openapi.json builds it, once: requests that arrive meanwhile wait for that one build.
     */
    public void publish(Supplier<byte[]> openApiJson) {
        if (!documentSource.compareAndSet(null, openApiJson)) {
            throw new IllegalStateException("the OpenAPI document is published once, at start");
        }
    }

    /** GET /openapi.json */
    public Response document(Request request) {
        Supplier<byte[]> source = documentSource.get();
        if (source == null) {
            throw new IllegalStateException("the OpenAPI document was not published before the server started");
        }
        return once("openapi.json", () -> Response.bytes("application/json", source.get(), headers(REVALIDATE, null)));
    }

    /** GET /docs */
    public Response page(Request request) {
        return once("page", () -> {
            String script = initializer();
            return Response.bytes("text/html; charset=utf-8", page(uiVersion, script).getBytes(StandardCharsets.UTF_8),
                    headers(REVALIDATE, contentSecurityPolicy(script)));
        });
    }

    /** GET /docs/{file}: one of FILES, else 404; ?v=VERSION (as the page asks) may be cached for good. */
    public Response file(Request request) {
        String name = request.pathParam("file");
        String type = FILES.get(name);
        if (type == null) {
            throw RejectedRequest.notFound();
        }
        boolean versioned = request.queryParam("v").map(uiVersion::equals).orElse(false);
        return once((versioned ? "versioned/" : "unversioned/") + name, () -> Response.bytes(type,
                resource(WEBJAR_FILES + uiVersion + "/" + name), headers(versioned ? IMMUTABLE : REVALIDATE, null)));
    }

    /** The answer under key, built by the first request that asks for it; the others wait for it, then share it. */
    private Response once(String key, Supplier<Response> build) {
        Response answer = built.get(key);
        return answer != null ? answer : built.computeIfAbsent(key, any -> build.get());
    }

    /** The version of the UI, as pinned in lib/deps.txt. */
    public String uiVersion() {
        return uiVersion;
    }

    private static Map<String, String> headers(String cacheControl, String contentSecurityPolicy) {
        Map<String, String> headers = new HashMap<>();
        headers.put("Cache-Control", cacheControl);
        headers.put("X-Content-Type-Options", "nosniff");
        if (contentSecurityPolicy != null) {
            headers.put("Content-Security-Policy", contentSecurityPolicy);
        }
        return headers;
    }

    /** validatorUrl "none": Swagger UI would otherwise send the document to an outside validator. */
    private static String initializer() {
        return """
                window.addEventListener("load", function () {
                  window.ui = SwaggerUIBundle({
                    url: "openapi.json",
                    dom_id: "#swagger-ui",
                    validatorUrl: "none",
                    deepLinking: true
                  });
                });""";
    }

    /** Relative URLs: the page at /docs loads docs/..., and openapi.json, from wherever it is served. */
    private static String page(String version, String script) {
        return """
                <!DOCTYPE html>
                <html lang="en">
                <head>
                  <meta charset="utf-8">
                  <title>userapi: API docs</title>
                  <link rel="stylesheet" href="docs/swagger-ui.css?v=%1$s">
                  <link rel="icon" type="image/png" href="docs/favicon-32x32.png?v=%1$s" sizes="32x32">
                  <link rel="icon" type="image/png" href="docs/favicon-16x16.png?v=%1$s" sizes="16x16">
                  <style>html { box-sizing: border-box; overflow-y: scroll; } body { margin: 0; background: #fafafa; }</style>
                </head>
                <body>
                  <div id="swagger-ui"></div>
                  <script src="docs/swagger-ui-bundle.js?v=%1$s"></script>
                  <script>%2$s</script>
                </body>
                </html>
                """.formatted(version, script);
    }

    /** Everything from this server only; the one inline script allowed by its hash. */
    private static String contentSecurityPolicy(String script) {
        String hash;
        try {
            hash = Base64.getEncoder().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(script.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
        return "default-src 'none'; script-src 'self' 'sha256-" + hash + "'; style-src 'self' 'unsafe-inline'; "
                + "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; "
                + "frame-ancestors 'none'";
    }

    private static String webjarVersion() {
        Properties pom = new Properties();
        try (InputStream in = ApiDocs.class.getResourceAsStream(WEBJAR_POM)) {
            if (in == null) {
                throw new IllegalStateException("Swagger UI is not on the class path (" + WEBJAR_POM
                        + "): org.webjars:swagger-ui must be a runtime jar in lib/deps.txt");
            }
            pom.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return pom.getProperty("version");
    }

    private static byte[] resource(String path) {
        try (InputStream in = ApiDocs.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("Swagger UI file missing from the class path: " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
