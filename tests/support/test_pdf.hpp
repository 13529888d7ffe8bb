// PDF files made for the tests of evidence (plan/evidence.hpp): a small real PDF of one page
// whose catalogue may carry extra entries, and one whose objects sit in a compressed object
// stream (/ObjStm), as PDF 1.5 and later writers keep them.
#pragma once

#include <string>
#include <string_view>

#include "common/compression.hpp"

namespace shequ::testing {

// A one-page PDF saying "Hello"; `catalog_extra` is written into its catalogue's dictionary
// ("/OpenAction << /S /JavaScript /JS (app.alert(1)) >>").
inline std::string pdf_with(std::string_view catalog_extra = "") {
  std::string pdf = "%PDF-1.4\n%\xE2\xE3\xCF\xD3\n";
  pdf += "1 0 obj\n<< /Type /Catalog /Pages 2 0 R " + std::string(catalog_extra) + " >>\nendobj\n";
  pdf += "2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n";
  pdf +=
      "3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 100] /Contents 4 0 R >>\n"
      "endobj\n";
  const std::string content = "BT /F1 12 Tf 20 50 Td (Hello) Tj ET";
  pdf += "4 0 obj\n<< /Length " + std::to_string(content.size()) + " >>\nstream\n" + content +
         "\nendstream\nendobj\n";
  pdf += "trailer\n<< /Root 1 0 R /Size 5 >>\n%%EOF\n";
  return pdf;
}

// A PDF whose object 5 lies in an object stream, compressed (FlateDecode) unless `filter` names
// another encoding ("" none); the object is `hidden`.
inline std::string pdf_with_object_stream(std::string_view hidden,
                                          std::string_view filter = "/FlateDecode") {
  std::string pdf = pdf_with();
  pdf.resize(pdf.find("trailer"));
  const std::string objects = "5 0 " + std::string(hidden);
  const std::string data = filter == "/FlateDecode" ? compress(objects) : objects;
  pdf += "6 0 obj\n<< /Type /ObjStm /N 1 /First 4 /Length " + std::to_string(data.size()) +
         (filter.empty() ? std::string() : " /Filter " + std::string(filter)) + " >>\nstream\n" +
         data + "\nendstream\nendobj\n";
  pdf += "trailer\n<< /Root 1 0 R /Size 7 >>\n%%EOF\n";
  return pdf;
}

}  // namespace shequ::testing
