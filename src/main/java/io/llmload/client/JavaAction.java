package io.llmload.client;

import com.typesafe.scalalogging.Logger;
import io.gatling.core.action.Action;
import org.slf4j.LoggerFactory;

/**
 * Base for Gatling actions written in Java: supplies the logger that Gatling's Scala {@link Action}
 * trait expects (its trait initialiser never runs for a Java class).
 */
public abstract class JavaAction implements Action {

    private final Logger logger = Logger.apply(LoggerFactory.getLogger(getClass()));

    @Override
    public Logger logger() {
        return logger;
    }

    @Override
    public void com$typesafe$scalalogging$StrictLogging$_setter_$logger_$eq(Logger ignored) {
        // the logger is set in the field initialiser above
    }
}
