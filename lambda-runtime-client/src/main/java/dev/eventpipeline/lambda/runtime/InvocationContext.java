package dev.eventpipeline.lambda.runtime;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;

/**
 * The {@link Context} of one invocation: ids from the Runtime API's headers, the function's settings, and the time
 * left until the deadline. Client context and Cognito identity are absent: only mobile SDK invokes carry them.
 */
final class InvocationContext implements Context {

    private final Invocation invocation;
    private final FunctionSettings function;
    private final LambdaLogger logger;

    InvocationContext(Invocation invocation, FunctionSettings function, LambdaLogger logger) {
        this.invocation = invocation;
        this.function = function;
        this.logger = logger;
    }

    @Override
    public String getAwsRequestId() {
        return invocation.requestId();
    }

    @Override
    public String getLogGroupName() {
        return function.logGroupName();
    }

    @Override
    public String getLogStreamName() {
        return function.logStreamName();
    }

    @Override
    public String getFunctionName() {
        return function.functionName();
    }

    @Override
    public String getFunctionVersion() {
        return function.functionVersion();
    }

    @Override
    public String getInvokedFunctionArn() {
        return invocation.invokedFunctionArn();
    }

    @Override
    public CognitoIdentity getIdentity() {
        return null;
    }

    @Override
    public ClientContext getClientContext() {
        return null;
    }

    @Override
    public int getRemainingTimeInMillis() {
        long remaining = invocation.deadlineMs() - System.currentTimeMillis();
        return (int) Math.max(0, Math.min(Integer.MAX_VALUE, remaining));
    }

    @Override
    public int getMemoryLimitInMB() {
        return function.memoryLimitMb();
    }

    @Override
    public LambdaLogger getLogger() {
        return logger;
    }

    @Override
    public String getXrayTraceId() {
        return invocation.traceId();
    }
}
