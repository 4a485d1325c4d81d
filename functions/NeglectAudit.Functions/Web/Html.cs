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
        page.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        page.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        page.Append("<meta name=\"referrer\" content=\"no-referrer\">\n");
        page.Append("<title>").Append(Encode(title)).Append(" - Multi-agency case audit</title>\n");
        page.Append("<link rel=\"stylesheet\" href=\"/api/assets/site.css\">\n</head>\n<body>\n");
        page.Append("<a href=\"#main-content\" class=\"skip-link\">Skip to main content</a>\n");
        page.Append("<header class=\"header\"><div class=\"width-container\"><span class=\"service-name\">")
            .Append(Encode(serviceName ?? "Multi-agency case audit")).Append("</span></div></header>\n");
        page.Append("<div class=\"width-container\"><main id=\"main-content\" class=\"main\">\n");
        page.Append(body);
        page.Append("\n</main></div>\n<footer class=\"footer\"><div class=\"width-container\">Safeguarding children partnership</div></footer>\n</body>\n</html>\n");
        return page.ToString();
    }

    /// <summary>A page response that is never cached and never leaks its URL to another site.</summary>
    public static ContentResult Result(string title, string body, int status = 200) =>
        new() { Content = Page(title, body), ContentType = "text/html; charset=utf-8", StatusCode = status };
}
