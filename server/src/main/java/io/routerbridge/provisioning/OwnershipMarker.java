package io.routerbridge.provisioning;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Identity of one of our router objects, written as the first word of its {@code comment}:
 * {@code rb:<owner>:<role>} or {@code rb:<owner>:<role>:<key>}.
 *
 * <ul>
 *   <li>{@code owner} is the service id, or {@value #SHARED_OWNER} for router-wide objects several services rely on.</li>
 *   <li>{@code role} says what the object is for ({@code public-ip}, {@code srcnat}, {@code vpn-user}, ...).</li>
 *   <li>{@code key} tells apart objects of one role (a user name, {@code tcp-8080}); characters outside
 *       {@code [A-Za-z0-9._@-]} are percent-encoded so the marker stays one word without {@code :}.</li>
 * </ul>
 *
 * <p>Operators may append their own notes after a space ({@code rb:42:srcnat customer Bob}): the marker is still
 * recognised and the note is kept, because the planner never rewrites the comment of an object it keeps. Text put
 * <em>before</em> the marker makes the object foreign to us: it is then left alone and ours is created again.
 */
public record OwnershipMarker(String owner, String role, String key) implements Comparable<OwnershipMarker> {

    public static final String PREFIX = "rb:";
    public static final String SHARED_OWNER = "shared";

    private static final Pattern OWNER = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern ROLE = Pattern.compile("[a-z0-9-]{1,32}");
    private static final Pattern ENCODED_KEY = Pattern.compile("(?:[A-Za-z0-9._@-]|%[0-9A-F]{2}){1,400}");

    public OwnershipMarker {
        if (owner == null || !OWNER.matcher(owner).matches()) {
            throw new IllegalArgumentException("marker owner must match " + OWNER + ": " + owner);
        }
        if (role == null || !ROLE.matcher(role).matches()) {
            throw new IllegalArgumentException("marker role must match " + ROLE + ": " + role);
        }
        if (key != null && key.isEmpty()) {
            throw new IllegalArgumentException("marker key must not be empty");
        }
    }

    public static OwnershipMarker of(String owner, String role) {
        return new OwnershipMarker(owner, role, null);
    }

    public static OwnershipMarker of(String owner, String role, String key) {
        return new OwnershipMarker(owner, role, key);
    }

    public boolean isShared() {
        return SHARED_OWNER.equals(owner);
    }

    /** The comment text to write on the router. */
    public String comment() {
        return PREFIX + owner + ":" + role + (key == null ? "" : ":" + encode(key));
    }

    @Override
    public String toString() {
        return comment();
    }

    /** The marker at the start of a comment, if the comment carries one. */
    public static Optional<OwnershipMarker> parse(String comment) {
        if (comment == null || !comment.startsWith(PREFIX)) {
            return Optional.empty();
        }
        int end = 0;
        while (end < comment.length() && !Character.isWhitespace(comment.charAt(end))) {
            end++;
        }
        String[] parts = comment.substring(PREFIX.length(), end).split(":", -1);
        if (parts.length < 2 || parts.length > 3) {
            return Optional.empty();
        }
        if (!OWNER.matcher(parts[0]).matches() || !ROLE.matcher(parts[1]).matches()) {
            return Optional.empty();
        }
        if (parts.length == 3 && !ENCODED_KEY.matcher(parts[2]).matches()) {
            return Optional.empty();
        }
        return Optional.of(new OwnershipMarker(parts[0], parts[1], parts.length == 3 ? decode(parts[2]) : null));
    }

    @Override
    public int compareTo(OwnershipMarker other) {
        return comment().compareTo(other.comment());
    }

    private static String encode(String key) {
        StringBuilder out = new StringBuilder();
        for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xFF);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '_' || c == '@' || c == '-') {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", b & 0xFF));
            }
        }
        return out.toString();
    }

    private static String decode(String encoded) {
        byte[] bytes = new byte[encoded.length()];
        int n = 0;
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c == '%') {
                bytes[n++] = (byte) Integer.parseInt(encoded.substring(i + 1, i + 3), 16);
                i += 2;
            } else {
                bytes[n++] = (byte) c;
            }
        }
        return new String(bytes, 0, n, StandardCharsets.UTF_8);
    }
}
