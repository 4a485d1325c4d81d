using NeglectAudit.Calendar;
using NeglectAudit.Chasing;
using NeglectAudit.Common;

namespace NeglectAudit.Tests.Calendar;

/// <summary>A case row's context as the calendar entry form posts it, and as validation checks it.</summary>
public sealed class CaseContextFormTests
{
    private static readonly Dictionary<string, string> Entry = new(StringComparer.Ordinal)
    {
        ["auditId"] = "neglect-2031",
        ["title"] = "Neglect",
        ["theme"] = "Neglect",
        ["questionSetId"] = "neglect-v1.1",
        ["startsAt-day"] = "7", ["startsAt-month"] = "7", ["startsAt-year"] = "2031", ["startsAt-hour"] = "9", ["startsAt-minute"] = "00",
        ["deadline-day"] = "28", ["deadline-month"] = "7", ["deadline-year"] = "2031", ["deadline-hour"] = "17", ["deadline-minute"] = "00",
        ["coordinators"] = "Sam Coordinator <sam@example.org>",
        ["case0.ref"] = "NA-01",
        ["case0.agencies"] = "csc\npolice",
    };

    private static (Audit? Audit, List<FieldError> Errors) Read(params (string Name, string Value)[] extra)
    {
        var values = new Dictionary<string, string>(Entry, StringComparer.Ordinal);
        foreach ((string name, string value) in extra)
        {
            values[name] = value;
        }

        return CalendarEntryForm.Read(new PostedForm(values), null);
    }

    [Fact]
    public void A_row_with_every_part_given_keeps_them_and_a_row_with_none_has_no_context()
    {
        (Audit? audit, List<FieldError> errors) = Read(("case0.ageBand", "TenToFifteen"), ("case0.planStatus", "LookedAfter"), ("case0.selection", "FollowUp"), ("case0.leadAgencyId", "police"));
        Assert.Empty(errors);
        Assert.Equal(new CaseContext(AgeBand.TenToFifteen, PlanStatus.LookedAfter, CaseSelection.FollowUp, "police"), audit!.Cases[0].Context);

        (Audit? plain, _) = Read(("case0.ageBand", " "), ("case0.planStatus", ""));
        Assert.Null(plain!.Cases[0].Context);
    }

    [Theory]
    [InlineData("case0.ageBand", "Adult")]
    [InlineData("case0.ageBand", "2")]
    [InlineData("case0.planStatus", "childprotection")]
    [InlineData("case0.selection", "Random sample")]
    public void A_value_the_list_does_not_offer_is_refused_on_its_own_control(string name, string value)
    {
        (Audit? audit, List<FieldError> errors) = Read((name, value));

        Assert.Null(audit);
        FieldError error = Assert.Single(errors);
        Assert.Equal(name, error.Field);
        Assert.StartsWith("Case row 1: choose ", error.Message, StringComparison.Ordinal);
        Assert.Equal(name, CalendarEntryErrors.ControlId(error.Field));
    }

    [Fact]
    public void A_lead_agency_that_did_not_know_the_child_is_refused_and_points_at_the_lead_agency_control()
    {
        (Audit? audit, _) = Read(("case0.leadAgencyId", "health"));
        IReadOnlyList<FieldError> errors = AuditValidation.Validate(audit!, new HashSet<string>(["csc", "police", "health"], StringComparer.Ordinal), new HashSet<string>(["neglect-v1.1"], StringComparer.Ordinal));

        FieldError error = Assert.Single(errors);
        Assert.Equal("cases[0].context.leadAgencyId", error.Field);
        Assert.Equal("case0.leadAgencyId", CalendarEntryErrors.ControlId(error.Field));
        Assert.Equal("Case 1: The lead agency must be one of the agencies that knew the child.", CalendarEntryErrors.MessageOf(error));
    }

    [Fact]
    public void A_context_value_sent_as_a_number_through_json_is_refused()
    {
        Audit audit = Read().Audit! with { Cases = [new AuditCase("NA-01", ["csc"]) { Context = new CaseContext((AgeBand)42) }] };

        FieldError error = Assert.Single(AuditValidation.Validate(audit, new HashSet<string>(["csc"], StringComparer.Ordinal), new HashSet<string>(["neglect-v1.1"], StringComparer.Ordinal)));
        Assert.Equal("cases[0].context.ageBand", error.Field);
    }
}
