package dev.synin.error;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The one error body Synin sends: {@code {"error":{"code":"...","message":"..."}}}. */
@RegisterForReflection
public record ApiError(Detail error) {

    @RegisterForReflection
    public record Detail(String code, String message) {
    }

    public static ApiError of(ErrorCode code, String message) {
        return new ApiError(new Detail(code.code(), message));
    }

    public static ApiError of(ApiException e) {
        return of(e.errorCode(), e.getMessage());
    }
}
