package com.example.quickstart;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The REST endpoints live under /api. */
@ApplicationPath("api")
public class QuickstartApplication extends Application {
}
