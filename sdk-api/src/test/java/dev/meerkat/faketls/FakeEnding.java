package dev.meerkat.faketls;

import dev.meerkat.CloseReason;
import java.util.Arrays;
import java.util.Random;

/** How a peer ends its byte stream in the fake wire format, and the close reason that must follow. */
public enum FakeEnding {
    CLOSE_NOTIFY(CloseReason.CLEAN),
    FIN_AFTER_WHOLE_RECORDS(CloseReason.TRUNCATED_NO_CLOSE_NOTIFY),
    FIN_INSIDE_A_RECORD(CloseReason.TRUNCATED_PARTIAL_RECORD);

    private final CloseReason reason;

    FakeEnding(CloseReason reason) {
        this.reason = reason;
    }

    /** The close reason every engine must report for this ending. */
    public CloseReason reason() {
        return reason;
    }

    /** The last bytes the peer sends before FIN: close_notify, nothing, or the start of a record. */
    public byte[] bytes(Random random) {
        return switch (this) {
            case CLOSE_NOTIFY -> FakeRecords.closeNotify();
            case FIN_AFTER_WHOLE_RECORDS -> new byte[0];
            case FIN_INSIDE_A_RECORD -> {
                byte[] cut = FakeRecords.data(new byte[1 + random.nextInt(2000)]);
                yield Arrays.copyOf(cut, 1 + random.nextInt(cut.length - 1));
            }
        };
    }
}
