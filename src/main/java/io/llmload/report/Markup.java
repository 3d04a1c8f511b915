package io.llmload.report;

/** Text put inside XML or HTML, in element content or a double-quoted attribute. */
final class Markup {

    private Markup() {
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
