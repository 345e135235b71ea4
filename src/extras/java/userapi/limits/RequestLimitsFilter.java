package userapi.limits;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import userapi.exception.RejectedRequest;
import userapi.exception.RejectedRequest.Reason;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Refuses an over-long URI (414) or an oversized header section (431) with a proper problem+json answer, below
 * the JDK's own hard caps at which it would only drop the connection; and a Content-Length that is not only digits
 * (400, connection closed), which the JDK reads as a number ("+5" as 5) though a proxy before us may frame the
 * body otherwise.
 */
public final class RequestLimitsFilter extends Filter {
    private final int maxUriLength;
    private final int maxHeaderCount;
    private final int maxHeaderBytes;

    public RequestLimitsFilter(int maxUriLength, int maxHeaderCount, int maxHeaderBytes) {
        this.maxUriLength = maxUriLength;
        this.maxHeaderCount = maxHeaderCount;
        this.maxHeaderBytes = maxHeaderBytes;
    }

    private static final Pattern DIGITS = Pattern.compile("[0-9]+");

    @Override
    public String description() {
        return "URI and header limits, and a Content-Length of digits only";
    }

    @Override
    public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
        if (exchange.getRequestURI().toString().length() > maxUriLength) {
            throw new RejectedRequest(Reason.URI_TOO_LONG, "The request URI is longer than " + maxUriLength + " characters.");
        }
        int count = 0;
        long bytes = 0;
        for (Map.Entry<String, List<String>> header : exchange.getRequestHeaders().entrySet()) {
            for (String value : header.getValue()) {
                count++;
                bytes += header.getKey().length() + value.length() + 4; // "name: value\r\n"
            }
        }
        if (count > maxHeaderCount) {
            throw new RejectedRequest(Reason.REQUEST_HEADER_FIELDS_TOO_LARGE, "The request has more than " + maxHeaderCount + " header fields.");
        }
        if (bytes > maxHeaderBytes) {
            throw new RejectedRequest(Reason.REQUEST_HEADER_FIELDS_TOO_LARGE, "The request's header fields are larger than " + maxHeaderBytes + " bytes.");
        }
        String length = exchange.getRequestHeaders().getFirst("Content-Length");
        if (length != null && !DIGITS.matcher(length.strip()).matches()) {
            throw new RejectedRequest(Reason.UNREADABLE_BODY, "The request's Content-Length must be digits only.");
        }
        chain.doFilter(exchange);
    }
}
