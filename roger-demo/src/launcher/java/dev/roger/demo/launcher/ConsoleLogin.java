package dev.roger.demo.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;

/**
 * The web console's login for a demo run with {@code -Ddemo.console=true}: user {@code roger} in
 * group {@code roger-admin} of Payara's file realm, with a fresh random password, made by a
 * post-boot {@code create-file-user} command (the way docs/guide/operations.md makes users).
 *
 * @param user          the user name
 * @param password      its password, printed for the person running the demo
 * @param postBootFile  the asadmin command file Payara Micro runs before deploying
 */
public record ConsoleLogin(String user, String password, Path postBootFile) {

    private static final String ALPHABET = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    /** Writes the password file and the post-boot command file into {@code dir}. */
    public static ConsoleLogin create(Path dir) {
        SecureRandom random = new SecureRandom();
        StringBuilder password = new StringBuilder();
        for (int i = 0; i < 14; i++) {
            password.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        String user = "roger";
        Path passwordFile = dir.resolve("console-user.pw");
        Path postBoot = dir.resolve("console-postboot.txt");
        try {
            Files.writeString(passwordFile, "AS_ADMIN_USERPASSWORD=" + password + "\n");
            Files.write(postBoot, List.of("create-file-user --groups roger-admin --passwordfile " + passwordFile + " " + user));
        } catch (IOException e) {
            throw new DemoFailure("Cannot write the console's user files in " + dir + ": " + e.getMessage(), e);
        }
        return new ConsoleLogin(user, password.toString(), postBoot);
    }
}
