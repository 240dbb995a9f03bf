package dev.synin.attachment;

import java.util.Set;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * The readable text of an HTML page, by jsoup: block elements as lines, list items as "- ", scripts, styles and
 * templates left out. The page is only parsed, never rendered or fetched from.
 */
final class HtmlText {

    private static final Set<String> BLOCKS = Set.of("p", "div", "section", "article", "header", "footer", "main", "aside", "nav",
            "h1", "h2", "h3", "h4", "h5", "h6", "li", "tr", "table", "ul", "ol", "dl", "dt", "dd", "pre", "blockquote", "figure",
            "figcaption", "form", "hr", "address", "details", "summary");

    private HtmlText() {
    }

    static String extract(String html) {
        Document document = Jsoup.parse(html);
        document.select("script, style, template, noscript, svg, head > *:not(title)").remove();
        StringBuilder text = new StringBuilder();
        String title = document.title();
        if (!title.isBlank()) {
            text.append(title.strip()).append("\n\n");
        }
        NodeTraversor.traverse(new NodeVisitor() {
            @Override
            public void head(Node node, int depth) {
                if (node instanceof TextNode textNode) {
                    Element parent = textNode.parent();
                    boolean pre = parent != null && parent.closest("pre") != null;
                    text.append(pre ? textNode.getWholeText() : textNode.text());
                } else if (node instanceof Element element) {
                    switch (element.normalName()) {
                        case "br" -> text.append('\n');
                        case "li" -> newline(text).append("- ");
                        case "td", "th" -> text.append('\t');
                        default -> {
                            if (BLOCKS.contains(element.normalName())) {
                                newline(text);
                            }
                        }
                    }
                }
            }

            @Override
            public void tail(Node node, int depth) {
                if (node instanceof Element element && BLOCKS.contains(element.normalName())) {
                    newline(text);
                }
            }
        }, document.body());
        return text.toString().replaceAll("[ \\t]+\\n", "\n").replaceAll("\\n{3,}", "\n\n").strip();
    }

    private static StringBuilder newline(StringBuilder text) {
        if (!text.isEmpty() && text.charAt(text.length() - 1) != '\n') {
            text.append('\n');
        }
        return text;
    }
}
