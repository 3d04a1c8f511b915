package io.llmload.capacity;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.llmload.config.ConfigError;
import io.llmload.config.LlmloadConfig;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The batch test matrix of {@code matrix.categories}: named categories (baseline, high concurrency,
 * large model, stress, SLA) of cells, each a name and the keys it sets for one
 * BatchThroughputSimulation run. The first cell of the first category is the baseline the others
 * are compared with. {@code scripts/run-matrix.sh} reads the plan from {@link #main} (one line a
 * cell: category, name, -D arguments, tab-separated); a key the configuration does not know stops
 * the matrix before any cell runs, naming the cell.
 */
public final class MatrixPlan {

    /** One cell: its category, its name, and the keys it sets. */
    public record Cell(String category, String name, Map<String, String> keys) {
    }

    private MatrixPlan() {
    }

    public static void main(String[] args) {
        try {
            for (Cell cell : read(LlmloadConfig.load())) {
                StringBuilder line = new StringBuilder(cell.category()).append('\t').append(cell.name()).append('\t');
                cell.keys().forEach((k, v) -> line.append("-D").append(k).append('=').append(v).append(' '));
                System.out.println(line.toString().strip());
            }
        } catch (ConfigError e) {
            System.err.println("llmload config error: " + e.getMessage());
            System.exit(2);
        }
    }

    public static List<Cell> read(LlmloadConfig config) {
        List<Cell> cells = new ArrayList<>();
        List<? extends Config> categories = config.raw().getConfigList("matrix.categories");
        for (int c = 0; c < categories.size(); c++) {
            Config category = categories.get(c);
            String where = "matrix.categories." + c;
            if (!category.hasPath("name") || !category.hasPath("cells")) throw new ConfigError(where + ": needs a name and cells");
            List<? extends Config> list = category.getConfigList("cells");
            for (int i = 0; i < list.size(); i++) {
                Config cell = list.get(i);
                String cellKey = where + ".cells." + i;
                if (!cell.hasPath("name")) throw new ConfigError(cellKey + ".name: missing");
                Map<String, String> keys = new LinkedHashMap<>();
                if (cell.hasPath("keys")) cell.getObject("keys").unwrapped().forEach((k, v) -> keys.put(k, String.valueOf(v)));
                try {
                    LlmloadConfig.load(ConfigFactory.parseMap(keys));
                } catch (ConfigError e) {
                    throw new ConfigError(cellKey + " (" + cell.getString("name") + "): " + e.getMessage());
                }
                cells.add(new Cell(category.getString("name"), cell.getString("name"), keys));
            }
        }
        if (cells.isEmpty()) throw new ConfigError("matrix.categories: no cells");
        return cells;
    }
}
