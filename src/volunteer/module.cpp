#include "volunteer/module.hpp"

#include <cstdlib>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "app/app.hpp"
#include "cli/cli.hpp"
#include "volunteer/certificate_service.hpp"
#include "volunteer/declaration.hpp"
#include "volunteer/demo.hpp"
#include "volunteer/hour_record.hpp"
#include "volunteer/routes.hpp"
#include "volunteer/volunteer_service.hpp"

namespace shequ::volunteer {

namespace {

constexpr std::string_view kDefaultPublicUrl = "http://127.0.0.1:8080";

std::string public_url(const std::map<std::string, std::string>& settings) {
  const auto set = settings.find(std::string(kPublicUrlSetting));
  return set != settings.end() && !set->second.empty() ? set->second
                                                       : std::string(kDefaultPublicUrl);
}

// The origin people reach the server at: scheme, host and port only, as a link begins.
Status check_public_url(const std::string& url) {
  const bool scheme = url.starts_with("https://") || url.starts_with("http://");
  const std::string_view rest = std::string_view(url).substr(url.find("://") + 3);
  if (!scheme || rest.empty() || rest.find_first_of("/?#@ ") != std::string_view::npos) {
    return Error::invalid(
        "public-url",
        {fmt::format("\"{}\" 不是对外访问地址（应如 https://shequ.example.gov.cn，不带路径）", url),
         fmt::format("\"{}\" is not the public origin (as https://shequ.example.gov.cn, no path)",
                     url)});
  }
  return {};
}

class Runtime final : public app::ModuleRuntime {
 public:
  Runtime(app::Services& services, const std::map<std::string, std::string>& settings)
      : services_(services),
        org_(services.org()),
        public_url_(public_url(settings)),
        record_(services.database(), services.audit(), services.keyring()),
        service_(services.org(), services.database(), services.audit(), services.clock(),
                 services.keyring(), record_),
        certificates_(services.org(), services.database(), services.audit(), services.clock(),
                      services.keyring(), public_url_),
        organisations_(services.org(), services.database(), services.audit(), services.clock(),
                       services.keyring()) {}
  void add_routes(http::Router& router, const app::RouteOptions&) override {
    volunteer::add_routes(router, service_, certificates_, organisations_, org_);
  }
  Status prepare_to_serve() override { return check_public_url(public_url_); }
  Result<Text> add_demo_data(uint64_t) override {
    return add_demo_volunteering(services_, record_);
  }
  void* service(const std::type_info& type) override {
    if (type == typeid(HourRecord)) return &record_;
    if (type == typeid(CertificateService)) return &certificates_;
    if (type == typeid(OrganisationService)) return &organisations_;
    return type == typeid(VolunteerService) ? &service_ : nullptr;
  }

 private:
  app::Services& services_;
  const org::OrgService& org_;
  std::string public_url_;
  HourRecord record_;
  VolunteerService service_;
  CertificateService certificates_;
  OrganisationService organisations_;
};

// The keys to check a certificate with: a published list given, or the key file's own.
Result<std::vector<PublishedKey>> keys_to_check_with(const std::string& published,
                                                     const std::string& key_file) {
  if (published.empty()) {
    SHEQU_ASSIGN_OR_RETURN(const privacy::Keyring keyring, privacy::Keyring::load(key_file));
    return published_keys(keyring.certificate_keys());
  }
  std::ifstream in(published, std::ios::binary);
  if (!in) return Error::invalid("published-keys", {"无法读取该文件", "cannot be read"});
  std::ostringstream text;
  text << in.rdbuf();
  SHEQU_ASSIGN_OR_RETURN(const Json json, parse_json_strict(text.str()));
  return parse_published_keys(json);
}

void print_statement(const CertificateStatement& s, bool en) {
  const auto line = [](std::string_view label, const std::string& value) {
    fmt::print("  {}: {}\n", label, value);
  };
  line(en ? "number" : "证明编号", s.number);
  line(en ? "volunteer" : "志愿者",
       s.volunteer + (s.phone_tail
                          ? fmt::format(fmt::runtime(en ? " (phone ending {})" : "（手机尾号 {}）"),
                                        *s.phone_tail)
                          : ""));
  line(en ? "unit" : "所属单位", s.unit_path + " (" + s.unit + ")");
  line(en ? "hours" : "服务时长",
       fmt::format(fmt::runtime(en ? "{} minutes in {} entries" : "{} 分钟，共 {} 条记录"),
                   s.minutes, s.entries));
  line(en ? "period" : "服务期间", s.first_day + " – " + s.last_day);
  line(en ? "chain" : "记录链", fmt::format(fmt::runtime(en ? "entries {} to {}, last MAC {}"
                                                            : "第 {} 至 {} 条，末条校验码 {}"),
                                            s.seq_from, s.seq_to, s.chain_mac));
  line(en ? "issued" : "签发时间", s.issued_at);
}

std::string describe(const ChainFlaw& flaw, bool en) {
  switch (flaw.flaw) {
    case Flaw::edited:
      return fmt::format(fmt::runtime(en ? "entry {} (volunteer {}, activity {}) was changed"
                                         : "第 {} 条（志愿者 {}，活动 {}）被改动"),
                         flaw.seq, flaw.volunteer_id, flaw.activity_id);
    case Flaw::follows_gap:
      return fmt::format(
          fmt::runtime(en ? "entries {} to {} were removed" : "第 {} 至 {} 条被删除"),
          flaw.missing_from, flaw.seq - 1);
    case Flaw::out_of_order:
      return fmt::format(fmt::runtime(en ? "entry {} (volunteer {}, activity {}) is out of order"
                                         : "第 {} 条（志愿者 {}，活动 {}）顺序错乱"),
                         flaw.seq, flaw.volunteer_id, flaw.activity_id);
  }
  return {};
}

void add_commands(CLI::App& program, CLI::App& serve, app::CommandContext& context) {
  std::string& url = context.settings[std::string(kPublicUrlSetting)];
  url = std::string(kDefaultPublicUrl);
  if (const char* value = std::getenv("SHEQU_PUBLIC_URL"); value != nullptr && *value != '\0') {
    url = value;
  }
  serve
      .add_option("--public-url", url,
                  "The origin people reach the server at, for links printed on documents (the "
                  "verify link of volunteer certificates) (env SHEQU_PUBLIC_URL)")
      ->capture_default_str();

  auto* command = program.add_subcommand("volunteer", "Volunteers and their hour record");
  command->require_subcommand(1);

  struct CheckInput {
    std::string file, published_keys;
  };
  auto input = std::make_shared<CheckInput>();
  auto* check = command->add_subcommand(
      "verify-certificate",
      "Check a certificate of volunteer hours (its PDF) offline: its signature over every byte, "
      "against the key file's certificate keys or a published key list; exits 1 unless genuine");
  cli::add_database_option(*check, context);  // --keys: the key file's certificate keys
  check->add_option("FILE", input->file, "The certificate's PDF")->required();
  check->add_option("--published-keys", input->published_keys,
                    "The published key list (/.well-known/shequ-certificate-keys.json) to check "
                    "with instead of the key file");
  check->callback([&context, input] {
    cli::begin(context);
    const bool en = context.locale == Locale::en;
    std::ifstream in(input->file, std::ios::binary);
    if (!in) {
      cli::fail(context, Error::invalid("FILE", {"无法读取该文件：" + input->file,
                                                 "cannot read " + input->file}));
    }
    std::ostringstream bytes;
    bytes << in.rdbuf();
    auto keys = keys_to_check_with(input->published_keys, context.keys_file);
    if (!keys) cli::fail(context, keys.error());
    auto checked = verify_document(bytes.str(), *keys);
    if (!checked) cli::fail(context, checked.error());
    if (checked->verdict == Verdict::genuine) {
      fmt::print(fmt::runtime(en ? "Genuine and unaltered, signed with certificate key {}:\n"
                                 : "证明真实，内容未被改动（第 {} 号证明密钥签名）：\n"),
                 checked->key->id);
      print_statement(*checked->statement, en);
      return;
    }
    cli::fail(context,
              Error::conflict({fmt::format("证明未通过核验（{}）", verdict_code(checked->verdict)),
                               fmt::format("the certificate does not verify ({})",
                                           verdict_code(checked->verdict))}));
  });

  auto* verify = command->add_subcommand(
      "verify",
      "Recompute every entry of the volunteer hour record and compare its end with the audit "
      "log; names every entry changed, removed or out of order and exits 1 if there is one");
  cli::add_database_option(*verify, context);
  verify->callback([&context] {
    cli::begin(context);
    auto services = cli::open_services(context);
    auto result = services->service<HourRecord>().verify();
    if (!result) cli::fail(context, result.error());
    const bool en = context.locale == Locale::en;
    if (result->intact()) {
      fmt::print(fmt::runtime(en ? "Volunteer hour record intact: {} entries\n"
                                 : "志愿服务记录校验通过：共 {} 条\n"),
                 result->entries);
      return;
    }
    for (const ChainFlaw& flaw : result->flaws) fmt::print("{}\n", describe(flaw, en));
    if (result->truncated()) {
      fmt::print(fmt::runtime(en ? "entries {} to {} were removed (the audit log names entry {})\n"
                                 : "第 {} 至 {} 条被删除（审计日志记有第 {} 条）\n"),
                 result->last_seq + 1, result->audited_seq, result->audited_seq);
    }
    const std::size_t problems = result->flaws.size() + (result->truncated() ? 1 : 0);
    cli::fail(context, Error::conflict({fmt::format("志愿服务记录未通过校验：{} 处问题", problems),
                                        fmt::format("the volunteer hour record does not verify: "
                                                    "{} problems",
                                                    problems)}));
  });
}

}  // namespace

const app::ModuleEntry& module() {
  static const app::ModuleEntry entry{
      &declaration,
      [](app::Services& services, const std::map<std::string, std::string>& settings) {
        return std::make_unique<Runtime>(services, settings);
      },
      &add_commands};
  return entry;
}

}  // namespace shequ::volunteer
