package dev.meerkat.ws;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MessageBufferTest {

    private final MessageBuffer buffer = new MessageBuffer(1000, Frames.NO_BUDGET);

    @Test
    void aSingleFrameGetsAnArrayOfExactlyItsLengthAndTakeHandsItOut() throws WsProtocolException {
        buffer.frame(700, true);
        byte[] array = write(300);
        assertThat(write(400)).as("the second part goes to the same array").isSameAs(array);

        assertThat(array).hasSize(700);
        assertThat(buffer.take()).as("taken without a copy").isSameAs(array);
    }

    @Test
    void allocatesWhenPayloadArrivesNotAtTheHeader() throws WsProtocolException {
        buffer.frame(1000, true);
        assertThat(buffer.capacity()).isZero();
    }

    @Test
    void fragmentsGrowByDoublingAndTheFinalOneSizesTheArrayExactly() throws WsProtocolException {
        fragment(100, false);
        fragment(10, false);
        assertThat(buffer.capacity()).as("doubled").isEqualTo(200);
        fragment(40, false);
        assertThat(buffer.capacity()).as("room left, no copy").isEqualTo(200);
        fragment(60, true);
        assertThat(buffer.capacity()).as("the final header says the size").isEqualTo(210);
        assertThat(buffer.take()).hasSize(210);
    }

    @Test
    void doublingStopsAtTheMessageLimit() throws WsProtocolException {
        fragment(600, false);
        fragment(10, false);
        assertThat(buffer.capacity()).isEqualTo(1000);
    }

    @Test
    void trimsOnlyWhenDoublingOvershotTheFinalSize() throws WsProtocolException {
        fragment(100, false);
        fragment(10, false);
        byte[] grown = buffer.reserve(0, 0);
        fragment(5, true);
        byte[] message = buffer.take();
        assertThat(message).hasSize(115).isNotSameAs(grown);
        assertThat(buffer.capacity()).as("the next message starts empty").isZero();
    }

    private void fragment(int length, boolean last) throws WsProtocolException {
        buffer.frame(length, last);
        write(length);
    }

    private byte[] write(int count) throws WsProtocolException {
        byte[] array = buffer.reserve(count, 0);
        buffer.added(count);
        return array;
    }
}
