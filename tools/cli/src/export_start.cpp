#include "export_start.hpp"

#include "usage_error.hpp"

namespace talentray::cli {

export_start decide_export_start(const export_files_state& files, bool resume, bool force) {
    const std::string& file = files.output;
    if (resume && force) throw usage_error("--resume and --force contradict each other; give one of them");
    if (force) return export_start::fresh;

    if (!resume) {
        if (files.checkpoint_exists)
            throw usage_error("an interrupted export to " + file + " exists (" + files.checkpoint_rows +
                              " rows written); use --resume to continue it or --force to start over");
        if (files.partial_exists)
            throw usage_error(file + ".partial exists (an unfinished export); use --resume to continue it or "
                              "--force to start over");
        if (files.output_exists) throw usage_error(file + " already exists; use --force to replace it");
        return export_start::fresh;
    }

    if (!files.checkpoint_exists) {
        if (files.output_exists)
            throw usage_error(file + " already exists and there is no interrupted export of it to resume; "
                              "use --force to replace it");
        return export_start::fresh;
    }
    if (!files.checkpoint_mismatch.empty())
        throw usage_error("cannot resume the export to " + file + ": " + files.checkpoint_mismatch +
                          "; repeat the original arguments, or use --force to start over");
    if (files.checkpoint_done) {
        if (files.partial_exists) return export_start::finish;
        if (files.output_exists) return export_start::already_done;
    }
    if (!files.partial_exists)
        throw usage_error("cannot resume the export to " + file + ": its checkpoint is there but " + file +
                          ".partial is missing; use --force to start over");
    return export_start::resume;
}

}  // namespace talentray::cli
