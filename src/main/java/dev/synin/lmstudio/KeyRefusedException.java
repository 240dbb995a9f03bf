package dev.synin.lmstudio;

import dev.synin.error.ApiException;
import dev.synin.error.ErrorCode;

/**
 * The server answered 401/403: it is up, and it refused Synin's API key (or wanted one). Told apart from "offline"
 * everywhere, because the fix is a setting, not starting a server. Not a server failure: it never opens the breaker.
 */
public class KeyRefusedException extends ApiException {

    public KeyRefusedException(String message) {
        super(ErrorCode.UPSTREAM_ERROR, message);
    }
}
