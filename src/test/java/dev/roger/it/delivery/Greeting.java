package dev.roger.it.delivery;

/** Record arguments. */
public record Greeting(String to, int times) {
}
