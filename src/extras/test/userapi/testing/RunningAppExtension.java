package userapi.testing;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The end-to-end tests' one setup: a parameter of type RunningApp (of a test, a @BeforeEach or a @BeforeAll
 * method) is the real ProductionApp on port 0 with an empty in-memory store, started for it and closed when that
 * test, or that class, is done. Use with {@code @ExtendWith(RunningAppExtension.class)}.
 */
public final class RunningAppExtension implements ParameterResolver {
    private static final ExtensionContext.Namespace APPS = ExtensionContext.Namespace.create(RunningAppExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == RunningApp.class;
    }

    /** Started now; the context's store closes it (RunningApp is AutoCloseable) when the context ends. */
    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        try {
            RunningApp app = RunningApp.start();
            context.getStore(APPS).put(parameter, app);
            return app;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("could not start the app", e);
        }
    }
}
