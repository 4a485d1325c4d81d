using System.Diagnostics;
using Microsoft.Playwright;
using NeglectAudit.BrowserTests.Infrastructure;
using NeglectAudit.LocalHost;

namespace NeglectAudit.BrowserTests.Web;

/// <summary>
/// The served stylesheet is govuk-frontend compiled from Web/site.scss, committed so that the app
/// builds without Node: this proves the committed site.css is exactly what the sources compile to,
/// and that it carries neither the GDS Transport font nor the crown or crest.
/// </summary>
[Collection(BrowserGroup.Name)]
public sealed class StylesheetTests(BrowserFixture fixture)
{
    private static readonly string Root = RepositoryRoot.Find(AppContext.BaseDirectory);
    private static readonly string Committed = Path.Combine(Root, "functions", "NeglectAudit.Functions", "Web", "site.css");

    [Fact]
    public async Task The_committed_stylesheet_is_what_site_scss_compiles_to_with_the_pinned_govuk_frontend()
    {
        string output = Path.Combine(Path.GetTempPath(), $"site-{Guid.NewGuid():N}.css");
        try
        {
            await NodeModules.EnsureInstalledAsync(Root, TextWriter.Null);
            string sass = Path.Combine(Root, "node_modules", "sass", "sass.js");
            Assert.True(File.Exists(sass), "node_modules has no sass: run `npm ci` in the repository root.");
            var start = new ProcessStartInfo("node", ["node_modules/sass/sass.js", "--no-source-map", "--style=compressed", "--load-path=node_modules", "functions/NeglectAudit.Functions/Web/site.scss", output])
            {
                WorkingDirectory = Root,
                RedirectStandardError = true,
                RedirectStandardOutput = true,
            };
            using Process process = Process.Start(start)!;
            string errors = await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();

            Assert.True(process.ExitCode == 0, errors);
            Assert.True(
                await File.ReadAllTextAsync(output) == await File.ReadAllTextAsync(Committed),
                "functions/NeglectAudit.Functions/Web/site.css is not what site.scss compiles to: run `npm run build:css` and commit it.");
        }
        finally
        {
            File.Delete(output);
        }
    }

    [Fact]
    public async Task The_served_stylesheet_has_no_gds_transport_font_no_crown_and_no_crest()
    {
        using HttpResponseMessage response = await fixture.Http.GetAsync("api/assets/site.css");
        string css = await response.Content.ReadAsStringAsync();

        Assert.True(response.IsSuccessStatusCode);
        Assert.Equal(await File.ReadAllTextAsync(Committed), css);
        Assert.DoesNotContain("GDS Transport", css, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("@font-face", css, StringComparison.Ordinal);
        Assert.DoesNotContain("crest", css, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("crown", css, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("url(", css, StringComparison.Ordinal);
        Assert.Contains(".govuk-error-summary", css, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pages_are_set_in_arial_with_the_design_system_styles_applied()
    {
        IPage page = await fixture.NewPageAsync();
        await page.GotoAsync("/api/return/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");

        string font = await page.EvaluateAsync<string>("() => getComputedStyle(document.querySelector('h1')).fontFamily");
        string weight = await page.EvaluateAsync<string>("() => getComputedStyle(document.querySelector('h1')).fontWeight");
        Assert.StartsWith("arial", font, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("700", weight);
        await page.Context.CloseAsync();
    }
}
