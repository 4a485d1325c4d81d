using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Mvc;

namespace NeglectAudit.Web;

/// <summary>Server-rendered pages: one layout, everything encoded, no inline script.</summary>
public static class Html
{
    public static string Encode(string? value) => HtmlEncoder.Default.Encode(value ?? string.Empty);

    public static string Page(string title, string body, string? serviceName = null)
    {
        var page = new StringBuilder();
        page.Append("<!DOCTYPE html>\n<html lang=\"en\" class=\"govuk-template\">\n<head>\n<meta charset=\"utf-8\">\n");
        page.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        page.Append("<meta name=\"referrer\" content=\"no-referrer\">\n");
        page.Append("<title>").Append(Encode(title)).Append(" - Multi-agency case audit</title>\n");
        page.Append("<link rel=\"stylesheet\" href=\"/api/assets/site.css\">\n</head>\n<body class=\"govuk-template__body\">\n");
        page.Append("<a href=\"#main-content\" class=\"govuk-skip-link\">Skip to main content</a>\n");

        // The service navigation, not the GOV.UK header: the crown is only for central government.
        page.Append("<header class=\"govuk-service-navigation\"><div class=\"govuk-width-container\"><div class=\"govuk-service-navigation__container\">")
            .Append("<span class=\"govuk-service-navigation__service-name\"><span class=\"govuk-service-navigation__text\">")
            .Append(Encode(serviceName ?? "Multi-agency case audit")).Append("</span></span></div></div></header>\n");
        page.Append("<div class=\"govuk-width-container\"><main class=\"govuk-main-wrapper\" id=\"main-content\">\n");
        page.Append(body);
        page.Append("\n</main></div>\n<footer class=\"app-footer\"><div class=\"govuk-width-container\">Safeguarding children partnership</div></footer>\n</body>\n</html>\n");
        return page.ToString();
    }

    /// <summary>A page response that is never cached and never leaks its URL to another site.</summary>
    public static ContentResult Result(string title, string body, int status = 200) =>
        new() { Content = Page(title, body), ContentType = "text/html; charset=utf-8", StatusCode = status };
}
