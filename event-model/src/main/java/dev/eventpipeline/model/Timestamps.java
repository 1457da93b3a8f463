package dev.eventpipeline.model;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * RFC 3339 timestamps as the pipeline reads and writes them.
 * <p>
 * Reading accepts every form RFC 3339 section 5.6 allows: {@code Z} or {@code z}, numeric offsets such as
 * {@code +00:00} and {@code +05:30}, {@code T} or {@code t}, and fractional seconds of any length (digits beyond
 * nanoseconds are dropped, as {@link Instant} cannot hold them). It refuses what the RFC does not allow, such as
 * {@code +0530}, a missing offset or a space instead of {@code T}, and the leap second {@code :60}, which
 * {@link Instant} cannot represent.
 * <p>
 * Writing always gives UTC with {@code Z} and the seconds, e.g. {@code 2015-01-01T00:00:00Z}, with a fraction only
 * when it is not zero.
 */
public final class Timestamps {

    private static final Pattern RFC_3339 = Pattern.compile(
            "(\\d{4})-(\\d{2})-(\\d{2})[Tt](\\d{2}):(\\d{2}):(\\d{2})(?:\\.(\\d+))?(?:([Zz])|([+-])(\\d{2}):(\\d{2}))");

    private Timestamps() {
    }

    /**
     * Reads an RFC 3339 timestamp.
     *
     * @throws DateTimeException with a message that says what is wrong
     */
    public static Instant parse(String text) {
        Matcher m = RFC_3339.matcher(text);
        if (!m.matches()) {
            throw new DateTimeException("'" + text + "' is not an RFC 3339 timestamp;"
                    + " expected e.g. 2024-05-01T12:30:00Z or 2024-05-01T18:00:00.250+05:30");
        }
        if (m.group(6).equals("60")) {
            throw new DateTimeException("'" + text + "' is a leap second, which this system cannot store;"
                    + " send :59.999999999 instead");
        }
        LocalDateTime local = LocalDateTime.of(number(m, 1), number(m, 2), number(m, 3), number(m, 4), number(m, 5),
                number(m, 6), nanos(m.group(7)));
        return local.toInstant(offset(m, text));
    }

    /** Writes an instant as RFC 3339 in UTC, seconds always present. */
    public static String format(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant);
    }

    private static ZoneOffset offset(Matcher m, String text) {
        if (m.group(8) != null) {
            return ZoneOffset.UTC;
        }
        int hours = number(m, 10);
        int minutes = number(m, 11);
        if (hours > 23 || minutes > 59) {
            throw new DateTimeException("'" + text + "' has an offset out of range; offsets go from -23:59 to +23:59");
        }
        int seconds = hours * 3600 + minutes * 60;
        return ZoneOffset.ofTotalSeconds(m.group(9).equals("-") ? -seconds : seconds);
    }

    private static int nanos(String fraction) {
        if (fraction == null) {
            return 0;
        }
        String nine = fraction.length() >= 9 ? fraction.substring(0, 9) : (fraction + "000000000").substring(0, 9);
        return Integer.parseInt(nine);
    }

    private static int number(Matcher m, int group) {
        return Integer.parseInt(m.group(group));
    }
}
