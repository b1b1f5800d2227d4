package org.nodeim.admin;

import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.servlet.http.HttpServletRequest;
import org.nodeim.database.Page;
import org.nodeim.json.JsonFactory;
import org.nodeim.refusal.Reason;
import org.nodeim.refusal.Refused;

/** What the resources of the REST admin API share: the caller, request bodies, pages. */
final class ApiCall {

    static final int PAGE_SIZE = 50;

    private ApiCall() {
    }

    /** The token's caller, set by {@link ApiTokenFilter}. */
    static Administrator caller(HttpServletRequest request) {
        return (Administrator) request.getAttribute(ApiTokenFilter.CALLER);
    }

    /** A request body that must be a JSON object; 400 otherwise. */
    static JsonObject body(String text) {
        try {
            if (text != null && !text.isBlank() && JsonFactory.read(text) instanceof JsonObject object) {
                return object;
            }
        } catch (JsonException e) {
            // answered below
        }
        throw new Refused(Reason.INVALID, "a JSON object expected");
    }

    /** A page as the API answers it: {@code {page, lastPage, total, NAME: [...]}}. */
    static String page(Page<JsonObject> page, String name) {
        var items = JsonFactory.arrayBuilder();
        page.items().forEach(items::add);
        return JsonFactory.objectBuilder()
                .add("page", page.number())
                .add("lastPage", page.lastPage())
                .add("total", page.total())
                .add(name, items)
                .build().toString();
    }
}
