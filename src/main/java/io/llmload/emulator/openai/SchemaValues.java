package io.llmload.emulator.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Random;

/**
 * A JSON value that fits a JSON schema, as a model constrained by it answers: every property of an
 * object (nested objects and arrays too), an enum's value, a word for a string, a number in its
 * minimum..maximum. What the emulator answers a tool call or a {@code response_format} with.
 */
final class SchemaValues {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String[] WORDS = {"Paris", "Berlin", "Lisbon", "Osaka", "Toronto", "Nairobi", "celsius", "today", "urgent", "report"};
    private static final int DEFAULT_MAXIMUM = 100;

    private SchemaValues() {
    }

    static JsonNode of(JsonNode schema, Random random) {
        if (schema.has("enum") && schema.get("enum").isArray() && !schema.get("enum").isEmpty()) {
            return schema.get("enum").get(random.nextInt(schema.get("enum").size()));
        }
        String type = schema.path("type").isArray() ? schema.path("type").path(0).asText("string") : schema.path("type").asText("object");
        return switch (type) {
            case "object" -> object(schema, random);
            case "array" -> {
                ArrayNode array = NODES.arrayNode();
                int items = 1 + random.nextInt(2);
                for (int i = 0; i < items; i++) array.add(of(schema.path("items"), random));
                yield array;
            }
            case "integer" -> NODES.numberNode(schema.path("minimum").asInt(0)
                    + random.nextInt(Math.max(1, schema.path("maximum").asInt(DEFAULT_MAXIMUM) - schema.path("minimum").asInt(0) + 1)));
            case "number" -> NODES.numberNode(Math.round(random.nextDouble() * schema.path("maximum").asDouble(DEFAULT_MAXIMUM) * 10) / 10.0);
            case "boolean" -> NODES.booleanNode(random.nextBoolean());
            case "null" -> NODES.nullNode();
            default -> NODES.textNode(WORDS[random.nextInt(WORDS.length)]);
        };
    }

    private static ObjectNode object(JsonNode schema, Random random) {
        ObjectNode out = NODES.objectNode();
        schema.path("properties").fields().forEachRemaining(p -> out.set(p.getKey(), of(p.getValue(), random)));
        return out;
    }
}
