package dev.synin.security;

import jakarta.enterprise.context.RequestScoped;

import dev.synin.error.ApiException;
import dev.synin.error.ErrorCode;

/** Whose conversations this request may see: set once per request by {@link OwnerCookieFilters}. */
@RequestScoped
public class CurrentOwner {

    private String id;

    public String id() {
        if (id == null) {
            throw new ApiException(ErrorCode.UNAUTHORIZED, "No owner for this request.");
        }
        return id;
    }

    void set(String id) {
        this.id = id;
    }
}
