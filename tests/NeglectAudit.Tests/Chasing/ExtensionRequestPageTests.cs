using NeglectAudit.Chasing;
using NeglectAudit.Common;
using NeglectAudit.Tests.Web;

namespace NeglectAudit.Tests.Chasing;

/// <summary>The auditor's "ask for more time" form as a component.</summary>
public sealed class ExtensionRequestPageTests
{
    [Fact]
    public void The_form_is_GOV_UK_styled_and_posts_the_same_fields()
    {
        string page = Render.Page<ExtensionRequestPage, ExtensionRequestView>(new ExtensionRequestView("NA-01", "/api/return/a/NA-01/csc/extension", null, null, []));

        PageAssert.EveryControlIsGovUk(page);
        Assert.Contains("<input class=\"govuk-input govuk-date-input__input govuk-input--width-2\" id=\"deadline-day\" name=\"deadline-day\" type=\"text\" inputmode=\"numeric\"", page, StringComparison.Ordinal);
        Assert.Contains("id=\"deadline-year\" name=\"deadline-year\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("datetime-local", page, StringComparison.Ordinal);
        Assert.DoesNotContain("UTC", page, StringComparison.Ordinal);
        Assert.Contains("<textarea class=\"govuk-textarea\" id=\"reason\" name=\"reason\"", page, StringComparison.Ordinal);
        Assert.Contains("maxlength=\"1000\"", page, StringComparison.Ordinal);
        Assert.Contains("<form method=\"post\" action=\"/api/return/a/NA-01/csc/extension\" novalidate>", page, StringComparison.Ordinal);
        Assert.DoesNotContain("govuk-error-summary", page, StringComparison.Ordinal);
    }

    [Fact]
    public void Errors_link_to_their_fields_in_the_users_words_and_what_was_typed_is_kept_encoded()
    {
        FieldError[] errors = [new("form", "Send the form from the page."), new("reason", "Say why you need more time, in at most 1000 characters.")];
        string page = Render.Page<ExtensionRequestPage, ExtensionRequestView>(new ExtensionRequestView(PageAssert.Hostile, "/x", new("20", "3", "2O26"), PageAssert.Hostile, errors));

        PageAssert.HostileTextIsEncoded(page);
        Assert.Equal(["deadline-day", "reason"], PageAssert.ErrorSummaryTargets(page));
        Assert.DoesNotContain(">form<", page, StringComparison.Ordinal);
        Assert.Contains("<title>Error: ask for more time - ", page, StringComparison.Ordinal);
        Assert.Contains("id=\"deadline-year\" name=\"deadline-year\" type=\"text\" inputmode=\"numeric\" value=\"2O26\"", page, StringComparison.Ordinal);
        Assert.Contains("govuk-textarea--error", page, StringComparison.Ordinal);
    }
}
