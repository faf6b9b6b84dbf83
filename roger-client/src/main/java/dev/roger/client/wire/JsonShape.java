package dev.roger.client.wire;

/**
 * One pass over a message body, before any JSON parser sees it: the bytes must be valid UTF-8
 * and the JSON must not nest deeper than {@link JobCodec#MAX_DEPTH}. Checked here rather than
 * left to the parser because parsers differ (the container's JSON-P provider may have no depth
 * limit, and some replace malformed UTF-8 silently) and a deep document can exhaust the stack
 * of whoever walks it later.
 */
final class JsonShape {

    private JsonShape() {
    }

    /**
     * @return {@code null} when the body is well shaped, else the problem in a few words
     */
    static String problem(byte[] body, int maxDepth) {
        int depth = 0;
        boolean inString = false;
        int i = 0;
        int n = body.length;
        while (i < n) {
            int b = body[i] & 0xff;
            if (b < 0x80) {
                if (inString) {
                    if (b == '\\') {
                        i += 2;
                        continue;
                    }
                    if (b == '"') {
                        inString = false;
                    }
                } else if (b == '"') {
                    inString = true;
                } else if (b == '{' || b == '[') {
                    if (++depth > maxDepth) {
                        return "JSON nested deeper than " + maxDepth + " levels";
                    }
                } else if (b == '}' || b == ']') {
                    depth--;
                }
                i++;
                continue;
            }
            int len = sequenceLength(body, i);
            if (len < 0) {
                return "body is not valid UTF-8 (byte " + i + ")";
            }
            i += len;
        }
        return null;
    }

    /** Length of the well-formed UTF-8 sequence starting at {@code i} (RFC 3629), or -1. */
    private static int sequenceLength(byte[] s, int i) {
        int b = s[i] & 0xff;
        int len;
        int min;
        if (b >= 0xc2 && b <= 0xdf) {
            len = 2;
            min = 0x80;
        } else if (b >= 0xe0 && b <= 0xef) {
            len = 3;
            min = 0x800;
        } else if (b >= 0xf0 && b <= 0xf4) {
            len = 4;
            min = 0x10000;
        } else {
            return -1;
        }
        if (i + len > s.length) {
            return -1;
        }
        int cp = b & (0xff >> (len + 1));
        for (int k = 1; k < len; k++) {
            int c = s[i + k] & 0xff;
            if ((c & 0xc0) != 0x80) {
                return -1;
            }
            cp = (cp << 6) | (c & 0x3f);
        }
        if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
            return -1;
        }
        return len;
    }
}
