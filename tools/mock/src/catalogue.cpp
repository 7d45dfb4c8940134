#include "catalogue.hpp"

#include <array>

namespace talentray::mock::detail {
namespace {

constexpr std::array organizations{
    organization_template{"org_acme", "Acme Inc.", "acme", "acme.com", "#4F1AD6", true, true},
    organization_template{"org_globex", "Globex Corporation", "globex", "globex.com", "#0B6E4F", true, false},
    organization_template{"org_initech", "Initech", "initech", "initech.com", "#C2410C", false, false},
};

constexpr std::array users{
    user_template{"user_admin", "admin@company.com", "Admin User", "admin", "", ""},
    user_template{"user_employer", "emma.ortiz@acme.com", "Emma Ortiz", "user", "owner", "org_acme"},
    user_template{"user_acme_recruiter", "ravi.patel@acme.com", "Ravi Patel", "user", "recruiter", "org_acme"},
    user_template{"user_hiring_manager", "hana.kim@acme.com", "Hana Kim", "user", "hiring_manager", "org_acme"},
    user_template{"user_globex_owner", "gabriel.silva@globex.com", "Gabriel Silva", "user", "owner", "org_globex"},
    user_template{"user_globex_hiring_manager", "grace.liu@globex.com", "Grace Liu", "user", "hiring_manager",
                  "org_globex"},
    user_template{"user_initech_owner", "ian.novak@initech.com", "Ian Novak", "user", "owner", "org_initech"},
};

constexpr std::array roles{
    role_template{"eng_be", "Senior Backend Engineer", "Engineering", "Remote", "remote", "white", "senior", "high",
                  "open", true, false, 90000, 120000, pipeline_kind::engineering},
    role_template{"eng_fe", "Frontend Engineer", "Engineering", "Berlin", "hybrid", "white", "mid", "medium", "open",
                  true, false, 65000, 85000, pipeline_kind::engineering},
    role_template{"data", "Data Engineer", "Data", "Istanbul", "hybrid", "white", "mid", "medium", "open", false,
                  false, 60000, 80000, pipeline_kind::engineering},
    role_template{"design", "Product Designer", "Design", "Remote", "remote", "white", "senior", "low", "open", true,
                  false, 70000, 90000, pipeline_kind::business},
    role_template{"sales", "Account Executive", "Sales", "London", "onsite", "white", "mid", "high", "paused", true,
                  false, 50000, 70000, pipeline_kind::business},
    role_template{"support", "Customer Support Specialist", "Support", "Lisbon", "onsite", "gray", "junior", "low",
                  "closed", true, false, 28000, 34000, pipeline_kind::business},
    role_template{"ops", "Warehouse Operator", "Operations", "Rotterdam", "onsite", "blue", "junior", "medium", "open",
                  true, false, 30000, 36000, pipeline_kind::operations},
    role_template{"exec", "VP of Engineering", "Leadership", "Remote", "remote", "white", "executive", "high", "open",
                  false, true, 160000, 210000, pipeline_kind::executive},
};

constexpr std::array tests{
    test_template{"test_js", "JavaScript Fundamentals", "multiple_choice", "hard_skill", "Backend Engineer", "en", 30,
                  "acme"},
    test_template{"test_python", "Python Essentials", "multiple_choice", "hard_skill", "Data Engineer", "en", 40,
                  "acme+globex"},
    test_template{"test_sql", "SQL Proficiency", "coding", "hard_skill", "Data Engineer", "en", 45, "globex"},
    test_template{"test_system_design", "System Design", "open_ended", "hard_skill", "Senior Backend Engineer", "en",
                  60, "acme"},
    test_template{"test_logic", "Logical Reasoning", "multiple_choice", "cognitive", "", "en", 20, ""},
    test_template{"test_communication", "Written Communication", "open_ended", "soft_skill", "Customer Support", "en",
                  25, ""},
    test_template{"test_personality", "Work Style Inventory", "personality", "personality", "", "en", 15, ""},
    test_template{"test_excel", "Spreadsheet Skills", "multiple_choice", "hard_skill", "Operations Analyst", "en", 30,
                  "initech"},
    test_template{"test_safety", "Warehouse Safety Basics", "multiple_choice", "hard_skill", "Warehouse Operator",
                  "tr", 20, "acme"},
    test_template{"test_german", "German Business Writing", "open_ended", "language", "", "de", 35, ""},
    test_template{"test_sales_pitch", "Sales Pitch Simulation", "video", "soft_skill", "Account Executive", "en", 15,
                  "globex"},
    test_template{"test_design_critique", "Design Critique", "open_ended", "hard_skill", "Product Designer", "en", 45,
                  "acme"},
    test_template{"test_react", "React Components", "coding", "hard_skill", "Frontend Engineer", "en", 50,
                  "acme+globex"},
    test_template{"test_leadership", "Leadership Judgement", "situational", "soft_skill", "Engineering Manager", "en",
                  30, "initech"},
    test_template{"test_numerical", "Raisonnement numérique", "multiple_choice", "cognitive", "", "fr", 25, ""},
    test_template{"test_empathy", "Empatía con el cliente", "situational", "soft_skill", "Customer Support", "es", 20,
                  "globex"},
    test_template{"test_go", "Go Concurrency", "coding", "hard_skill", "Backend Engineer", "en", 45, "initech"},
    test_template{"test_turkish", "Türkçe İş Yazışmaları", "open_ended", "language", "", "tr", 30, "acme"},
};

constexpr std::array engineering_steps{
    step_template{"CV Screening", "cv_screening", "auto", 70, true, false},
    step_template{"Technical Assessment", "ai_assessment", "score_threshold", 60, true, false},
    step_template{"Hiring Manager Interview", "interview", "manual", -1, true, false},
    step_template{"Reference Check", "reference_check", "manual", -1, false, true},
    step_template{"Offer", "offer", "manual", -1, true, false},
};
constexpr std::array business_steps{
    step_template{"Application Form", "application_form", "auto", -1, true, false},
    step_template{"CV Screening", "cv_screening", "auto", 65, true, false},
    step_template{"Interview", "interview", "manual", -1, true, false},
    step_template{"Offer", "offer", "manual", -1, true, false},
};
constexpr std::array operations_steps{
    step_template{"Application Form", "application_form", "auto", -1, true, false},
    step_template{"Documents", "document_upload", "manual", -1, true, false},
    step_template{"Site Interview", "interview", "manual", -1, true, false},
    step_template{"Contract", "contract", "manual", -1, true, false},
};
constexpr std::array executive_steps{
    step_template{"CV Review", "cv_screening", "manual", -1, true, false},
    step_template{"Leadership Assessment", "ai_assessment", "score_threshold", 75, true, false},
    step_template{"Board Interview", "interview", "manual", -1, true, false},
    step_template{"Culture Conversation", "custom", "manual", -1, false, true},
    step_template{"Reference Check", "reference_check", "manual", -1, true, false},
    step_template{"Offer", "offer", "manual", -1, true, false},
};

constexpr std::array<std::string_view, 40> first{
    "Jane", "Sam", "Ayşe", "Mehmet", "Lena", "Jonas", "Sofia", "Mateo", "Amara", "Kenji", "Priya", "Omar",
    "Zeynep", "Lucas", "Chloé", "Noah", "Ingrid", "Tariq", "Mei", "Diego", "Fatima", "Elias", "Hannah", "Ravi",
    "Olga", "Kwame", "Isabel", "Yusuf", "Aiko", "Liam", "Nadia", "Pedro", "Emre", "Freya", "Samir", "Clara",
    "Björn", "Leila", "Tomás", "Grace"};
constexpr std::array<std::string_view, 40> last{
    "Doe", "Lee", "Yılmaz", "Kaya", "Schmidt", "Müller", "Rossi", "García", "Okafor", "Tanaka", "Sharma", "Haddad",
    "Demir", "Silva", "Dubois", "Smith", "Larsen", "Aziz", "Chen", "López", "Khan", "Novak", "Weber", "Patel",
    "Ivanova", "Mensah", "Fernández", "Öztürk", "Sato", "Murphy", "Rahman", "Costa", "Çelik", "Nielsen", "Nasser",
    "Bauer", "Andersson", "Karimi", "Ruiz", "O'Brien"};
constexpr std::array<std::string_view, 20> skill_names{
    "python", "sql", "go", "java", "kotlin", "typescript", "react", "kubernetes", "terraform", "aws", "figma",
    "negotiation", "crm", "forklift", "excel", "german", "spanish", "leadership", "communication", "rust"};
constexpr std::array<std::string_view, 8> fields{
    "data engineering", "backend development", "frontend development", "product design",
    "enterprise sales",  "customer support",    "warehouse operations", "engineering leadership"};
constexpr std::array<std::string_view, 10> scopes{
    "candidates:read", "candidates:write", "roles:read",    "roles:write",    "tests:read",
    "tests:write",     "sourcing:read",    "sourcing:write", "pipeline:read", "cv-screening:read"};

}  // namespace

std::span<const organization_template> organization_templates() { return organizations; }
std::span<const user_template> user_templates() { return users; }
std::span<const role_template> role_templates() { return roles; }
std::span<const test_template> test_templates() { return tests; }

std::span<const step_template> pipeline_steps(pipeline_kind kind) {
    switch (kind) {
        case pipeline_kind::engineering: return engineering_steps;
        case pipeline_kind::business: return business_steps;
        case pipeline_kind::operations: return operations_steps;
        case pipeline_kind::executive: return executive_steps;
    }
    return engineering_steps;
}

std::span<const std::string_view> first_names() { return first; }
std::span<const std::string_view> last_names() { return last; }
std::span<const std::string_view> skills() { return skill_names; }
std::span<const std::string_view> summary_fields() { return fields; }
std::span<const std::string_view> documented_scopes() { return scopes; }

}  // namespace talentray::mock::detail
