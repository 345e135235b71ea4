package userapi.hardening;

import userapi.App;
import userapi.Config;
import userapi.repository.InMemoryUserRepository;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;

/** The real app graph in this JVM on 127.0.0.1 and an OS-chosen port, with an HTTP/1.1 client pointed at it. */
final class LiveApp implements AutoCloseable {
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final App app;
    private final HttpClient client;

    private LiveApp(App app, HttpClient client) {
        this.app = app;
        this.client = client;
    }

    static LiveApp start(int passwordHashIterations) throws IOException {
        App app = App.start(new Config("127.0.0.1", 0, Set.of("mailinator.com"), passwordHashIterations),
                new InMemoryUserRepository());
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1) // no h2c upgrade headers: the server sees what we wrote
                .connectTimeout(REQUEST_TIMEOUT)
                .build();
        return new LiveApp(app, client);
    }

    int port() {
        return app.port();
    }

    HttpClient client() {
        return client;
    }

    URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + port() + pathAndQuery);
    }

    HttpRequest.Builder request(String pathAndQuery) {
        return HttpRequest.newBuilder(uri(pathAndQuery)).timeout(REQUEST_TIMEOUT);
    }

    HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(request(path).GET().build());
    }

    /** Sends the bytes exactly as given, as application/json. */
    HttpResponse<String> json(String method, String path, byte[] body) throws IOException, InterruptedException {
        return send(request(path).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    HttpResponse<String> json(String method, String path, String body) throws IOException, InterruptedException {
        return json(method, path, body.getBytes(StandardCharsets.UTF_8));
    }

    /** Creates a user and returns its id, failing the test if the server does not answer 201. */
    String createUser(String name, String email) throws IOException, InterruptedException {
        HttpResponse<String> created = json("POST", "/users",
                "{\"name\":\"" + name + "\",\"email\":\"" + email + "\",\"password\":\"correct horse\"}");
        if (created.statusCode() != 201) {
            throw new AssertionError("could not create a user: " + created.statusCode() + " " + created.body());
        }
        String location = created.headers().firstValue("Location").orElseThrow();
        return location.substring(location.lastIndexOf('/') + 1);
    }

    @Override
    public void close() {
        app.close(); // first: a client closing its idle connection while the JDK server stops can hold stop() for its whole grace period
        client.close();
    }
}
