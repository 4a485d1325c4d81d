using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using NeglectAudit.Calendar;
using NeglectAudit.Common;
using NeglectAudit.Cycle;
using NeglectAudit.IntegrationTests.Infrastructure;
using NeglectAudit.Returns;
using static NeglectAudit.IntegrationTests.Infrastructure.TestCalendar;

namespace NeglectAudit.IntegrationTests.Faults;

/// <summary>
/// Generated hostile requests against the running app: every one gets a 4xx, never a 500 or an
/// acceptance, and nothing is stored. (Fewer cases than the unit properties: each is an HTTP call.)
/// </summary>
[Collection(LocalHostGroup.Name)]
public sealed class HostileInputTests(LocalHostFixture host)
{
    private const int Cases = 200;

    private static readonly Gen<string> Hostile = Gen.Frequency(
        (4, Gen.ArrayOf(Gen.Frequency((5, Gen.Choose(0x20, 0x7E)), (1, Gen.Choose(0, 0x1F)), (1, Gen.Choose(0xD800, 0xDFFF)), (1, Gen.Choose(0x80, 0xFFFD)))).Select(cs => new string(cs.Select(c => (char)c).ToArray()))),
        (1, Gen.Elements("<script>alert(1)</script>", "'; DROP TABLE Audits; --", "PartitionKey eq 'x' or true", "\0", "\uD800", "%00", "😀")),
        (1, Gen.Choose(3_990, 4_010).Select(n => new string('x', n))),
        (1, Gen.Constant(string.Empty)));

    [Fact]
    public async Task Hostile_postings_to_a_return_link_get_a_4xx_and_store_nothing()
    {
        string auditId = NewAuditId("hostile");
        await host.AddAuditAsync(OneCase(auditId, TimeSpan.FromHours(1), caseRef: "NA-H-01"));
        string link = await host.InvitationLinkAsync(auditId, "NA-H-01", SocialCare.Auditor.Email);

        // Posted where the form posts: the return's own address, with the session the link opened.
        (HttpClient auditor, string returnPath) = await ReturnLink.OpenAsync(host.Http.BaseAddress!, link);
        using HttpClient session = auditor;
        var failures = new List<string>();
        foreach (HostileRequest request in Gen.Sample(HostileReturnPostings(), Cases))
        {
            using HttpResponseMessage response = await session.PostAsync(returnPath, request.Content());
            if ((int)response.StatusCode is < 400 or >= 500)
            {
                failures.Add($"{(int)response.StatusCode} for {request}");
            }
        }

        Assert.Empty(failures);
        var key = new ReturnKey(auditId, "NA-H-01", SocialCare.AgencyId);
        ReturnRecord record = (await host.Store.GetReturnAsync(key))!.Value;
        Assert.Equal(ReturnState.Invited, record.State);
        Assert.Equal(0, record.SubmittedVersion);
        Assert.Null(await host.Store.GetAnswersAsync(key, 1));
    }

    [Fact]
    public async Task Hostile_calendar_entries_get_a_4xx_and_are_not_added()
    {
        var failures = new List<string>();
        var ids = new List<string>();
        foreach (HostileRequest request in Gen.Sample(HostileCalendarEntries(), Cases))
        {
            ids.Add(request.AuditId!);
            using HttpResponseMessage response = await host.Http.PostAsync("api/audits", request.Content());
            if ((int)response.StatusCode is < 400 or >= 500)
            {
                failures.Add($"{(int)response.StatusCode} for {request}");
            }
        }

        Assert.Empty(failures);
        foreach (string id in ids.Distinct())
        {
            Assert.Null(await host.Store.GetAuditAsync(id));
        }
    }

    [Fact]
    public async Task A_submission_event_delivered_twice_and_again_after_the_end_gives_one_outcome()
    {
        string auditId = NewAuditId("twice-evt");
        await host.AddAuditAsync(OneCase(auditId, TimeSpan.FromHours(1), caseRef: "NA-H-02"));
        var key = new ReturnKey(auditId, "NA-H-02", Police.AgencyId);
        string link = await host.InvitationLinkAsync(auditId, "NA-H-02", Police.Auditor.Email);

        Assert.Equal(HttpStatusCode.SeeOther, await ReturnLink.SubmitAsync(host.Http.BaseAddress!, link, CompleteAnswers()));

        // The same event again, as a redelivery would bring it, before the other returns are in.
        await host.Durable.RaiseEventAsync(key.InstanceId, ReturnSubmittedEvent.Name, new ReturnSubmittedEvent(1));
        await host.Durable.RaiseEventAsync(key.InstanceId, ReturnSubmittedEvent.Name, new ReturnSubmittedEvent(1));
        foreach (Agency agency in new[] { SocialCare, HealthVisiting })
        {
            string other = await host.InvitationLinkAsync(auditId, "NA-H-02", agency.Auditor.Email);
            Assert.Equal(HttpStatusCode.SeeOther, await ReturnLink.SubmitAsync(host.Http.BaseAddress!, other, [new("action", "nil")]));
        }

        await host.WaitForAuditStatusAsync(auditId, AuditStatus.Compiled, TimeSpan.FromSeconds(90));

        // And once more after everything finished: late, out of order with the end of the audit.
        await host.Durable.RaiseEventAsync(key.InstanceId, ReturnSubmittedEvent.Name, new ReturnSubmittedEvent(1));
        await Task.Delay(TimeSpan.FromSeconds(3));

        var instance = await host.Durable.GetInstanceAsync(key.InstanceId, getInputsAndOutputs: true);
        Assert.Equal(Microsoft.DurableTask.Client.OrchestrationRuntimeStatus.Completed, instance!.RuntimeStatus);
        Assert.Equal(ReturnState.Submitted, instance.ReadOutputAs<ReturnOutcome>()!.State);
        Assert.Equal(1, (await host.Store.GetReturnAsync(key))!.Value.SubmittedVersion);
        Assert.Null(await host.Store.GetAnswersAsync(key, 2));
        Assert.Equal(1, (await host.Store.GetLatestFindingsAsync(auditId))!.Version);
        var audit = await host.Durable.GetInstanceAsync(InstanceIds.ForAudit(auditId));
        Assert.Equal(Microsoft.DurableTask.Client.OrchestrationRuntimeStatus.Completed, audit!.RuntimeStatus);
    }

    /// <summary>Form postings that must each be refused: broken answers, unknown actions, wrong media types, oversized or garbled bodies.</summary>
    private static Gen<HostileRequest> HostileReturnPostings()
    {
        Gen<HostileRequest> brokenAnswer =
            from field in Gen.Elements("q1.riskLevel", "q2.impactRecorded", "q7.grade", "q9.rightNow")
            from value in Hostile.Where(v => v is not ("high" or "medium" or "low" or "not-assessed" or "yes" or "no" or "partly" or "outstanding" or "good" or "requires-improvement" or "inadequate"))
            select HostileRequest.Form(CompleteAnswers().Where(p => p.Key != field).Append(new(field, value)), $"{field} = {Describe(value)}");
        Gen<HostileRequest> badText =
            from field in Gen.Elements("q1.narrative", "q7.reason", "q8.learning")
            from control in Gen.Elements('\0', '\u0001', '\u001B', '\u007F')
            select HostileRequest.Form(CompleteAnswers().Where(p => p.Key != field).Append(new(field, "Seen at a visit" + control + ".")), $"{field} with U+{(int)control:X4}");
        Gen<HostileRequest> missing =
            from drop in Gen.Elements("q1.narrative", "q1.riskLevel", "q7.grade", "q8.learning", "q9.rightNow")
            select HostileRequest.Form(CompleteAnswers().Where(p => p.Key != drop), $"without {drop}");
        Gen<HostileRequest> action =
            from value in Hostile.Where(v => v is not ("submit" or "nil"))
            select HostileRequest.Form(CompleteAnswers().Where(p => p.Key != "action").Append(new("action", value)), $"action = {Describe(value)}");
        Gen<HostileRequest> mediaType =
            from type in Gen.Elements("application/json", "text/plain", "application/xml", "text/html")
            from body in Hostile
            select HostileRequest.Raw(Encoding.UTF8.GetBytes(body), type, $"{type} body {Describe(body)}");
        Gen<HostileRequest> oversized =
            from size in Gen.Choose(ReturnFormFunctions.MaxBodyBytes + 1, ReturnFormFunctions.MaxBodyBytes + 50_000)
            select HostileRequest.Raw(Encoding.ASCII.GetBytes("action=submit&q1.narrative=" + new string('x', size)), "application/x-www-form-urlencoded", $"{size} byte form");
        Gen<HostileRequest> tooManyFields =
            from count in Gen.Choose(201, 400)
            select HostileRequest.Form(Enumerable.Range(0, count).Select(i => new KeyValuePair<string, string>($"f{i}", "x")), $"{count} fields");
        Gen<HostileRequest> garbledMultipart =
            from body in Hostile
            select HostileRequest.Raw(Encoding.UTF8.GetBytes("--b\r\n" + body), "multipart/form-data; boundary=b", $"broken multipart {Describe(body)}");
        return Gen.OneOf(brokenAnswer, badText, missing, action, mediaType, oversized, tooManyFields, garbledMultipart);
    }

    /// <summary>Calendar entries that must each be refused, each with a fresh audit id so that "not added" can be checked.</summary>
    private static Gen<HostileRequest> HostileCalendarEntries()
    {
        Gen<string> ids = Gen.Choose(0, int.MaxValue).Select(n => $"hostile-{n:x8}-{Guid.NewGuid():N}"[..36]);
        Gen<HostileRequest> brokenField =
            from id in ids
            from field in Gen.Elements("title", "theme", "questionSetId", "startsAt", "deadline", "meetingOn", "cases", "coordinators")
            from value in Gen.OneOf(
                Hostile.Select(v => (JsonNode?)JsonValue.Create(v)),
                Gen.Choose(int.MinValue, int.MaxValue).Select(n => (JsonNode?)JsonValue.Create(n)),
                Gen.Constant<JsonNode?>(new JsonArray()),
                Gen.Constant<JsonNode?>(new JsonObject()),
                Gen.Constant<JsonNode?>(JsonValue.Create(true)))
            let entry = WithField(ValidEntry(id), field, value)
            where !IsStillValid(field, value)
            select HostileRequest.Json(id, entry.ToJsonString(), $"{field} = {Describe(value?.ToJsonString() ?? "null")}");
        Gen<HostileRequest> badId =
            from id in ids
            from bad in Hostile.Where(v => !Identifiers.IsValid(v))
            select HostileRequest.Json(id, WithField(ValidEntry(id), "auditId", JsonValue.Create(bad)).ToJsonString(), $"auditId = {Describe(bad)}");
        Gen<HostileRequest> unknownAgency =
            from id in ids
            from agency in Hostile.Where(v => v is not ("csc" or "police" or "health"))
            select HostileRequest.Json(id, WithField(ValidEntry(id), "cases", new JsonArray(new JsonObject { ["caseRef"] = "NA-1", ["agencyIds"] = new JsonArray(agency) })).ToJsonString(), $"agency {Describe(agency)}");
        Gen<HostileRequest> truncated =
            from id in ids
            from cut in Gen.Choose(0, 300)
            let json = ValidEntry(id).ToJsonString()
            select HostileRequest.Json(id, json[..Math.Min(cut, json.Length - 1)], $"cut at {cut}");
        Gen<HostileRequest> notJson =
            from id in ids
            from body in Hostile
            select HostileRequest.Json(id, body, $"body {Describe(body)}");
        Gen<HostileRequest> mediaType =
            from id in ids
            from type in Gen.Elements("text/plain", "application/x-www-form-urlencoded", "application/xml")
            select HostileRequest.Raw(Encoding.UTF8.GetBytes(ValidEntry(id).ToJsonString()), type, $"as {type}", id);
        Gen<HostileRequest> oversized =
            from id in ids
            from extra in Gen.Choose(70_000, 200_000)
            select HostileRequest.Json(id, WithField(ValidEntry(id), "title", JsonValue.Create(new string('t', extra))).ToJsonString(), $"{extra} character title");
        return Gen.OneOf(brokenField, badId, unknownAgency, truncated, notJson, mediaType, oversized);
    }

    private static JsonObject ValidEntry(string auditId) => new()
    {
        ["auditId"] = auditId,
        ["title"] = "Hostile input audit",
        ["theme"] = "Neglect",
        ["questionSetId"] = "neglect-v1",
        ["startsAt"] = DateTimeOffset.UtcNow.AddDays(30).ToString("O"),
        ["deadline"] = DateTimeOffset.UtcNow.AddDays(44).ToString("O"),
        ["meetingOn"] = DateTimeOffset.UtcNow.AddDays(50).ToString("O"),
        ["cases"] = new JsonArray(new JsonObject { ["caseRef"] = "NA-1", ["agencyIds"] = new JsonArray("csc", "police") }),
        ["coordinators"] = new JsonArray(new JsonObject { ["name"] = "Coordinator", ["email"] = "coordinator@example.org" }),
    };

    private static JsonObject WithField(JsonObject entry, string field, JsonNode? value)
    {
        entry[field] = value;
        return entry;
    }

    /// <summary>The few replacements that leave an entry valid: any title or theme of 1 to 200 visible characters, no meeting date.</summary>
    private static bool IsStillValid(string field, JsonNode? value) =>
        (field is "title" or "theme" && value is JsonValue v && v.TryGetValue(out string? text) && !string.IsNullOrWhiteSpace(text) && text.Length <= AuditValidation.MaxTitleLength)
        || (field == "meetingOn" && value is null)
        || (field == "questionSetId" && (value is null || (value is JsonValue q && q.TryGetValue(out string? id) && string.IsNullOrWhiteSpace(id))));

    private static string Describe(string value) =>
        value.Length > 30 ? $"({value.Length} chars)" : string.Concat(value.Select(c => char.IsControl(c) || char.IsSurrogate(c) ? $"\\u{(int)c:X4}" : c.ToString()));

    private sealed record HostileRequest(byte[] Body, string ContentType, string What, string? AuditId = null)
    {
        public static HostileRequest Form(IEnumerable<KeyValuePair<string, string>> fields, string what)
        {
            string body = string.Join('&', fields.Select(f => Uri.EscapeDataString(f.Key) + "=" + Escape(f.Value)));
            return new(Encoding.UTF8.GetBytes(body), "application/x-www-form-urlencoded", what);
        }

        public static HostileRequest Raw(byte[] body, string contentType, string what, string? auditId = null) => new(body, contentType, what, auditId);

        public static HostileRequest Json(string auditId, string json, string what) => new(Encoding.UTF8.GetBytes(json), "application/json", what, auditId);

        public ByteArrayContent Content()
        {
            var content = new ByteArrayContent(Body);
            content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
            return content;
        }

        public override string ToString() => What;

        /// <summary>Percent-encodes every UTF-16 unit, lone surrogates included (Uri.EscapeDataString refuses those).</summary>
        private static string Escape(string value) =>
            string.Concat(value.Select(c => char.IsAsciiLetterOrDigit(c) ? c.ToString() : char.IsSurrogate(c) ? "%EF%BF%BD" : Uri.EscapeDataString(c.ToString())));
    }
}
