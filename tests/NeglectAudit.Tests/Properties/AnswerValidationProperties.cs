using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NeglectAudit.Common;
using NeglectAudit.Returns;
using NeglectAudit.Tests.Returns;

namespace NeglectAudit.Tests.Properties;

/// <summary>
/// The return form's validation over thousands of generated postings: it never throws, it either
/// accepts answers that are all within the question set's rules or refuses with field errors, and
/// any one broken answer in an otherwise complete posting is refused on that field.
/// </summary>
public sealed class AnswerValidationProperties
{
    private static readonly QuestionField[] Fields = NeglectV1.QuestionSet.AllFields.ToArray();
    private static readonly HashSet<string> FieldKeys = Fields.Select(f => f.Key).ToHashSet(StringComparer.Ordinal);

    [Property(MaxTest = 3000, Arbitrary = [typeof(Postings)])]
    public bool Any_posting_gets_answers_within_the_rules_or_field_errors_and_never_an_exception(Posting posting)
    {
        (ReturnAnswers? answers, IReadOnlyList<FieldError> errors) = AnswerValidation.Validate(NeglectV1.QuestionSet, posting.Values);
        if (answers is null)
        {
            return errors.Count > 0 && errors.All(e => FieldKeys.Contains(e.Field) && !string.IsNullOrWhiteSpace(e.Message));
        }

        return errors.Count == 0 && answers.Fields.All(pair => FieldKeys.Contains(pair.Key) && IsWithinRules(Fields.Single(f => f.Key == pair.Key), pair.Value));
    }

    [Property(MaxTest = 3000, Arbitrary = [typeof(Postings)])]
    public bool One_broken_answer_in_a_complete_posting_is_refused_on_that_field(BrokenPosting broken)
    {
        (ReturnAnswers? answers, IReadOnlyList<FieldError> errors) = AnswerValidation.Validate(NeglectV1.QuestionSet, broken.Values);
        return answers is null && errors.Any(e => e.Field == broken.Field);
    }

    [Property(MaxTest = 1000, Arbitrary = [typeof(Postings)])]
    public bool Fields_outside_the_question_set_are_ignored(Posting noise)
    {
        Dictionary<string, IReadOnlyList<string>> posting = NeglectV1.CompletePosting();
        foreach ((string key, IReadOnlyList<string> values) in noise.Values.Where(p => !FieldKeys.Contains(p.Key)))
        {
            posting[key] = values;
        }

        (ReturnAnswers? answers, _) = AnswerValidation.Validate(NeglectV1.QuestionSet, posting);
        (ReturnAnswers? expected, _) = AnswerValidation.Validate(NeglectV1.QuestionSet, NeglectV1.CompletePosting());
        return answers is not null
            && answers.Fields.Count == expected!.Fields.Count
            && answers.Fields.All(p => expected.Fields[p.Key].SequenceEqual(p.Value));
    }

    private static bool IsWithinRules(QuestionField field, IReadOnlyList<string> values) => field.Kind switch
    {
        FieldKind.Choice => values.Count == 1 && field.Choices.Any(c => c.Value == values[0]),
        FieldKind.Checklist => values.Count >= 1 && values.All(v => field.Choices.Any(c => c.Value == v)) && values.Distinct().Count() == values.Count,
        _ => values.Count == 1
            && values[0].Length > 0
            && values[0] == AnswerValidation.Normalise(values[0])
            && AnswerValidation.IsWellFormed(values[0])
            && (field.MaxLength == 0 || values[0].Length <= field.MaxLength),
    };

    /// <summary>A posting as a browser or an attacker may send it: field names mapped to zero or more values.</summary>
    public sealed record Posting(Dictionary<string, IReadOnlyList<string>> Values)
    {
        public override string ToString() => string.Join("&", Values.Select(p => $"{p.Key}=[{string.Join("|", p.Value.Select(v => v.Length > 40 ? $"({v.Length} chars)" : v))}]"));
    }

    /// <summary>A complete posting with exactly one answer broken, and which field that is.</summary>
    public sealed record BrokenPosting(Dictionary<string, IReadOnlyList<string>> Values, string Field, string How)
    {
        public override string ToString() => $"{Field}: {How}";
    }

    public static class Postings
    {
        public static Arbitrary<Posting> Posting() => Arb.From(
            Gen.Zip(
                    Gen.CollectToList(Fields, f => Gen.Frequency((1, Gen.Constant<IReadOnlyList<string>?>(null)), (4, ValuesFor(f).Select(v => (IReadOnlyList<string>?)v)))),
                    Gen.ListOf(Gen.Zip(HostileText.Short, Gen.ListOf(HostileText.Any(), 3))))
                .Select(t =>
                {
                    var values = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
                    for (int i = 0; i < Fields.Length; i++)
                    {
                        if (t.Item1[i] is { } v)
                        {
                            values[Fields[i].Key] = v;
                        }
                    }

                    foreach ((string key, IEnumerable<string> extra) in t.Item2)
                    {
                        values.TryAdd(key, extra.ToList());
                    }

                    return new Posting(values);
                }));

        public static Arbitrary<BrokenPosting> BrokenPosting() => Arb.From(Gen.Elements(Fields).SelectMany(Break).Where(b => b is not null).Select(b => b!));

        /// <summary>Values for one field: mostly listed or plausible, often hostile, sometimes several.</summary>
        private static Gen<List<string>> ValuesFor(QuestionField field)
        {
            Gen<string> one = field.Choices.Count > 0
                ? Gen.Frequency((5, Gen.Elements(field.Choices.Select(c => c.Value).ToArray())), (2, HostileText.Any()))
                : HostileText.Any(field.MaxLength, AnswerValidation.MaxValueLength);
            return Gen.Frequency((6, one.Select(v => new List<string> { v })), (2, Gen.ListOf(one, 4).Select(v => v.ToList())), (1, Gen.Constant(new List<string>())));
        }

        private static Gen<BrokenPosting?> Break(QuestionField field)
        {
            Dictionary<string, IReadOnlyList<string>> With(IReadOnlyList<string>? values)
            {
                Dictionary<string, IReadOnlyList<string>> posting = NeglectV1.CompletePosting();
                if (values is null)
                {
                    posting.Remove(field.Key);
                }
                else
                {
                    posting[field.Key] = values;
                }

                return posting;
            }

            var ways = new List<Gen<BrokenPosting?>>();
            if (field.Required && field.RequiredWhen is null)
            {
                ways.Add(Gen.Constant<BrokenPosting?>(new(With(null), field.Key, "missing")));
                ways.Add(Gen.Elements("", " ", "\r\n\t").Select(blank => (BrokenPosting?)new(With([blank]), field.Key, "blank")));
            }

            if (field.Choices.Count > 0)
            {
                ways.Add(HostileText.Any().Where(v => v.Length > 0 && field.Choices.All(c => c.Value != v))
                    .Select(v => (BrokenPosting?)new(With([v]), field.Key, $"unlisted value {v}")));
            }

            if (field.Kind == FieldKind.Choice)
            {
                ways.Add(Gen.Constant<BrokenPosting?>(new(With([field.Choices[0].Value, field.Choices[^1].Value == field.Choices[0].Value ? "x" : field.Choices[^1].Value]), field.Key, "two values")));
            }

            if (field.Kind == FieldKind.Text)
            {
                ways.Add(Gen.Elements('\0', '\u0001', '\u001B', '\uD800', '\uDFFF').SelectMany(c => HostileText.Short.Select(s => (BrokenPosting?)new(With(["Seen at a visit" + c + "." + s]), field.Key, $"character U+{(int)c:X4}"))));
                ways.Add(Gen.Choose(1, 500).Select(extra => (BrokenPosting?)new(With([new string('w', (field.MaxLength > 0 ? field.MaxLength : AnswerValidation.MaxValueLength) + extra)]), field.Key, "too long")));
                ways.Add(Gen.Constant<BrokenPosting?>(new(With(["first answer", "second answer"]), field.Key, "two values")));
            }

            return ways.Count == 0 ? Gen.Constant<BrokenPosting?>(null) : Gen.OneOf(ways);
        }
    }
}
