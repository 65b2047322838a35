package org.rasterdesk.legend;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Reads the JSON texts legends are stored as, strictly: one value, nothing after it. */
final class JsonText {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private JsonText() {
    }

    /** @throws IllegalArgumentException naming {@code what} when the text is no JSON */
    static JsonNode read(String json, String what) {
        try {
            JsonNode root = MAPPER.readTree(json);
            if (root == null || root.isMissingNode()) {
                throw new IllegalArgumentException("Invalid " + what + ": the text is empty");
            }
            return root;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Invalid " + what + ": " + e.getOriginalMessage(), e);
        }
    }

    /** A string member, or null when it is missing or null. */
    static String string(JsonNode object, String key, String what) {
        JsonNode value = object.get(key);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new IllegalArgumentException("Invalid " + what + ": \"" + key + "\" is not a string");
        }
        return value.textValue();
    }
}
