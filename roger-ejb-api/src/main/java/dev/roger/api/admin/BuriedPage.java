package dev.roger.api.admin;

import dev.roger.api.BuriedJob;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One page of a buried-jobs listing, newest first. Pages follow each other by cursor, not by
 * offset, so jobs buried while an operator pages do not shift later pages: they are newer than the
 * first page and show up on a new first page.
 *
 * @param jobs     the jobs on this page, newest first, at most the query's limit
 * @param matching how many buried jobs matched the query's filters when the page was read, on
 *                 every page together
 * @param next     the cursor for the following (older) page; empty on the last page
 */
public record BuriedPage(List<BuriedJob> jobs, int matching, Optional<String> next) {

    public BuriedPage {
        jobs = List.copyOf(jobs);
        Objects.requireNonNull(next, "next");
    }
}
