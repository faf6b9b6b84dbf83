package dev.roger.console;

import dev.roger.api.admin.BuriedPage;
import java.util.List;

/**
 * A page of buried jobs as the API shows it; {@code next} is the {@code before} cursor of the
 * following (older) page, null on the last page.
 */
public record BuriedPageView(List<BuriedJobView> jobs, int matching, String next) {

    static BuriedPageView of(BuriedPage page) {
        return new BuriedPageView(page.jobs().stream().map(BuriedJobView::of).toList(), page.matching(),
                page.next().orElse(null));
    }
}
