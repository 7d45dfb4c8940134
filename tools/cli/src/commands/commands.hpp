// Registration of every command group on the command line.
#pragma once

namespace talentray::cli {

class command_line;

void add_me_command(command_line& cli);           ///< talentray me
void add_candidates_commands(command_line& cli);  ///< talentray candidates list|get|update|steps
void add_roles_commands(command_line& cli);       ///< talentray roles list|get|update|steps
void add_tests_commands(command_line& cli);       ///< talentray tests list|get|update
void add_sourcing_commands(command_line& cli);    ///< talentray sourcing list|get|create|update|delete
void add_cv_screening_commands(command_line& cli);  ///< talentray cv-screening batch
void add_keys_commands(command_line& cli);        ///< talentray keys create|list|revoke|usage
void add_portal_commands(command_line& cli);      ///< talentray portal get|job|apply
void add_export_command(command_line& cli);       ///< talentray export
void add_bench_commands(command_line& cli);       ///< talentray bench run|probe|export-estimate

}  // namespace talentray::cli
