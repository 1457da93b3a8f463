package dev.eventpipeline.lambda.runtime;

import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;

/**
 * A function's handler, found from {@code _HANDLER} as the managed Java runtime finds it: {@code class::method} or a
 * bare class name (method {@code handleRequest}). The class must implement {@link RequestStreamHandler}, or declare a
 * public method of that name taking {@code (InputStream, OutputStream, Context)} or {@code (InputStream, OutputStream)}.
 * <p>
 * Typed {@code RequestHandler<I, O>} handlers are not supported: they need the runtime's POJO serializer, and Quarkus
 * functions are always stream handlers ({@code io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler::handleRequest}).
 */
@FunctionalInterface
interface StreamHandler {

    /** Runs the handler on one event; any throwable is the function's error. */
    void handle(InputStream input, OutputStream output, Context context) throws Throwable;

    /**
     * Loads and instantiates the handler class through the system class loader, which holds the function's task root
     * and {@code lib/*}.
     *
     * @throws ReflectiveOperationException when the class, its constructor or the method is missing or fails
     */
    static StreamHandler load(String handler) throws ReflectiveOperationException {
        String[] parts = handler.split("::", 2);
        String methodName = parts.length == 2 ? parts[1] : "handleRequest";
        Class<?> type = Class.forName(parts[0], true, ClassLoader.getSystemClassLoader());
        if (RequestStreamHandler.class.isAssignableFrom(type) && methodName.equals("handleRequest")) {
            RequestStreamHandler instance = (RequestStreamHandler) newInstance(type);
            return instance::handleRequest;
        }
        return reflective(type, methodName);
    }

    private static Object newInstance(Class<?> type) throws ReflectiveOperationException {
        try {
            return type.getDeclaredConstructor().newInstance();
        } catch (InvocationTargetException e) {
            throw new ReflectiveOperationException("constructor of " + type.getName() + " failed: " + e.getCause(),
                    e.getCause());
        }
    }

    private static StreamHandler reflective(Class<?> type, String methodName) throws ReflectiveOperationException {
        Method method = streamMethod(type, methodName);
        Object target = Modifier.isStatic(method.getModifiers()) ? null : newInstance(type);
        boolean takesContext = method.getParameterCount() == 3;
        return (input, output, context) -> {
            try {
                method.invoke(target, takesContext ? new Object[] { input, output, context } : new Object[] { input, output });
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
    }

    private static Method streamMethod(Class<?> type, String methodName) throws NoSuchMethodException {
        try {
            return type.getMethod(methodName, InputStream.class, OutputStream.class, Context.class);
        } catch (NoSuchMethodException e) {
            try {
                return type.getMethod(methodName, InputStream.class, OutputStream.class);
            } catch (NoSuchMethodException missing) {
                throw new NoSuchMethodException("handler " + type.getName() + "::" + methodName
                        + " must be a public method taking (InputStream, OutputStream[, Context])");
            }
        }
    }

}
