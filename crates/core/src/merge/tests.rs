use super::*;
use crate::example::example_plan;

/// A returned file as okr-grid exported `plan`: every key result's row with its id, and the
/// export's values as the base.
fn exported(plan: &Plan, file: &str) -> Returned {
    let mut base = Base::default();
    let mut rows = Vec::new();
    for o in &plan.objectives {
        base.objectives.insert(o.id, objective_values(o));
        for k in &o.key_results {
            base.key_results.insert(k.id, (o.id, key_result_values(k)));
            rows.push(ReturnedRow {
                row: rows.len() + 2,
                id: Some(Target::KeyResult(k.id)),
                period: o.period.clone(),
                team: o.team.clone(),
                objective: o.title.clone(),
                kind: k.kind,
                values: key_result_values(k),
            });
        }
    }
    Returned {
        file: file.to_string(),
        date: Date::parse("2026-11-20"),
        rows,
        objectives: Vec::new(),
        base: Some(base),
    }
}

fn kr(plan: &Plan, o: usize, k: usize) -> &KeyResult {
    &plan.objectives[o].key_results[k]
}

fn set(file: &mut Returned, index: usize, field: Field, value: &str) {
    file.rows[index].values.insert(field, value.to_string());
}

fn today() -> Date {
    Date::parse("2026-12-02").unwrap()
}

#[test]
fn ids_read_as_written() {
    assert_eq!(Target::parse("K12"), Some(Target::KeyResult(Id(12))));
    assert_eq!(Target::parse(" o3 "), Some(Target::Objective(Id(3))));
    assert_eq!(Target::KeyResult(Id(7)).tag(), "K7");
    for bad in ["", "K", "12", "X3", "K1.5", "K-1", "Ké"] {
        assert_eq!(Target::parse(bad), None, "{bad}");
    }
}

#[test]
fn an_unchanged_file_changes_nothing() {
    let plan = example_plan();
    let file = exported(&plan, "same.xlsx");
    let preview = preview(&plan, &[file]);
    assert_eq!(preview.items, vec![]);
    assert_eq!(preview.matched, vec![Matched::ByIds]);
}

#[test]
fn a_change_in_one_file_applies_by_default_and_current_becomes_a_check_in() {
    let plan = example_plan();
    let mut file = exported(&plan, "luis.xlsx");
    set(&mut file, 0, Field::Current, "530");
    set(&mut file, 0, Field::Notes, "Webinar series started");
    set(&mut file, 0, Field::Confidence, "8");
    let files = [file];
    let preview = preview(&plan, &files);
    assert_eq!(preview.changes(), 3, "{:?}", preview.items);
    assert_eq!(preview.conflicts(), 0);
    let Merged {
        plan: merged,
        not_applied: failed,
        ..
    } = apply(&plan, &preview, &files, &preview.default_choices(), today());
    assert_eq!(failed, vec![]);
    let k = kr(&merged, 0, 0);
    assert_eq!(k.current, Some(530.0));
    assert_eq!(k.notes, "Webinar series started");
    assert_eq!(k.confidence, Some(8));
    let last = k.check_ins.last().unwrap();
    assert_eq!(
        (last.when.as_str(), last.value, last.confidence),
        ("2026-11-20", 530.0, Some(8))
    );
    assert_eq!(last.note, "luis.xlsx: Webinar series started");
    // Everything else is as it was.
    assert_eq!(merged.objectives[1], plan.objectives[1]);
}

#[test]
fn both_sides_making_the_same_change_is_no_change() {
    let mut plan = example_plan();
    let mut file = exported(&plan, "a.xlsx");
    set(&mut file, 1, Field::Owner, "Ana Ruiz");
    plan.objectives[0].key_results[1].owner = "Ana Ruiz".into();
    assert_eq!(super::preview(&plan, &[file]).items, vec![]);
}

#[test]
fn two_files_agreeing_make_one_clean_change() {
    let plan = example_plan();
    let mut a = exported(&plan, "a.xlsx");
    let mut b = exported(&plan, "b.xlsx");
    set(&mut a, 2, Field::Target, "55");
    set(&mut b, 2, Field::Target, "55");
    let preview = preview(&plan, &[a, b]);
    assert_eq!(preview.changes(), 1);
    let Item::Change { options, .. } = &preview.items[0] else {
        panic!("{:?}", preview.items)
    };
    assert_eq!(options[1].from.len(), 2);
}

#[test]
fn two_files_changing_one_cell_differently_conflict_and_the_plan_stays() {
    let plan = example_plan();
    let mut a = exported(&plan, "a.xlsx");
    let mut c = exported(&plan, "c.xlsx");
    set(&mut a, 0, Field::Current, "530");
    set(&mut c, 0, Field::Current, "560");
    let files = [a, c];
    let preview = preview(&plan, &files);
    assert_eq!((preview.changes(), preview.conflicts()), (0, 1));
    let Item::Change {
        options,
        base,
        field,
        ..
    } = &preview.items[0]
    else {
        panic!()
    };
    assert_eq!(*field, Field::Current);
    assert_eq!(base, &number_text(kr(&plan, 0, 0).current));
    let values: Vec<&str> = options.iter().map(|p| p.value.as_str()).collect();
    assert_eq!(values[1..], ["530", "560"]);
    let Merged { plan: kept, .. } =
        apply(&plan, &preview, &files, &preview.default_choices(), today());
    assert_eq!(kept.objectives, plan.objectives);
    // Choosing the second file's value takes it, dated by that file.
    let Merged { plan: taken, .. } = apply(&plan, &preview, &files, &[2], today());
    assert_eq!(kr(&taken, 0, 0).current, Some(560.0));
    assert_eq!(kr(&taken, 0, 0).check_ins.last().unwrap().note, "c.xlsx");
}

#[test]
fn a_file_changing_a_cell_changed_here_since_the_export_is_a_conflict() {
    let mut plan = example_plan();
    let mut file = exported(&plan, "a.xlsx");
    set(&mut file, 0, Field::Notes, "From the file");
    plan.objectives[0].key_results[0].notes = "Typed here".into();
    let preview = preview(&plan, &[file]);
    assert_eq!(preview.conflicts(), 1);
    let Item::Change { options, .. } = &preview.items[0] else {
        panic!()
    };
    assert_eq!(options[0].value, "Typed here");
    assert_eq!(options[1].value, "From the file");
}

#[test]
fn a_cell_changed_only_here_is_not_touched() {
    let mut plan = example_plan();
    let file = exported(&plan, "a.xlsx");
    plan.objectives[0].key_results[0].notes = "Typed here".into();
    assert_eq!(super::preview(&plan, &[file]).items, vec![]);
}

#[test]
fn a_deleted_row_is_offered_never_deleted_by_default_and_edits_are_flagged() {
    let mut plan = example_plan();
    let mut a = exported(&plan, "a.xlsx");
    let mut b = exported(&plan, "b.xlsx");
    let gone = a.rows.remove(1).id;
    let also_gone = a.rows.remove(2).id; // was row 3
    set(&mut b, 1, Field::Notes, "Still needed");
    let _ = also_gone;
    plan.objectives[1].key_results[0].owner = "Someone new".into(); // row 3 is objective 1's first
    let files = [a, b];
    let preview = preview(&plan, &files);
    let deleted: Vec<(&Id, &bool)> = preview
        .items
        .iter()
        .filter_map(|i| match i {
            Item::Deleted { id, edited, .. } => Some((id, edited)),
            _ => None,
        })
        .collect();
    assert_eq!(deleted.len(), 2, "{:?}", preview.items);
    // Both were edited: one in the other file, one here.
    assert!(deleted.iter().all(|(_, e)| **e));
    let Merged { plan: merged, .. } =
        apply(&plan, &preview, &files, &preview.default_choices(), today());
    assert_eq!(merged.key_result_count(), plan.key_result_count());
    assert_eq!(kr(&merged, 0, 1).notes, "Still needed");
    // Ticked, it goes.
    let mut choices = preview.default_choices();
    for (i, item) in preview.items.iter().enumerate() {
        if matches!(item, Item::Deleted { id, .. } if Some(Target::KeyResult(*id)) == gone) {
            choices[i] = 1;
        }
    }
    let Merged { plan: merged, .. } = apply(&plan, &preview, &files, &choices, today());
    assert_eq!(merged.key_result_count(), plan.key_result_count() - 1);
}

#[test]
fn added_rows_become_key_results_under_their_objective_once() {
    let plan = example_plan();
    let mut a = exported(&plan, "a.xlsx");
    let mut b = exported(&plan, "b.xlsx");
    let mut new_row = a.rows[0].clone();
    new_row.id = None;
    new_row.values = [
        (
            Field::Title,
            "Launch the partner referral programme".to_string(),
        ),
        (Field::Owner, "Ana Ruiz".to_string()),
        (Field::Start, "0".to_string()),
        (Field::Target, "40".to_string()),
    ]
    .into_iter()
    .collect();
    a.rows.push(new_row.clone());
    b.rows.push(new_row.clone());
    let mut elsewhere = new_row;
    elsewhere.objective = "Open a new market".into();
    b.rows.push(elsewhere);
    let files = [a, b];
    let preview = preview(&plan, &files);
    assert_eq!(preview.added(), 2, "{:?}", preview.items);
    let Merged { plan: merged, .. } =
        apply(&plan, &preview, &files, &preview.default_choices(), today());
    let o = &merged.objectives[0];
    let added = o.key_results.last().unwrap();
    assert_eq!(added.title, "Launch the partner referral programme");
    assert_eq!((added.start, added.target), (Some(0.0), Some(40.0)));
    let new_objective = merged.objectives.last().unwrap();
    assert_eq!(new_objective.title, "Open a new market");
    assert_eq!(new_objective.key_results.len(), 1);
    assert!(merged.ids_are_unique());
}

#[test]
fn a_changed_title_is_matched_by_id_and_rows_without_ids_by_title() {
    let plan = example_plan();
    let mut file = exported(&plan, "a.xlsx");
    set(&mut file, 3, Field::Title, "Lift NPS from -20 to 15");
    // An id lost in the spreadsheet: the row still finds its key result by title.
    file.rows[4].id = None;
    set(&mut file, 4, Field::Current, "1");
    let preview = preview(&plan, &[file]);
    assert_eq!(preview.changes(), 2, "{:?}", preview.items);
    assert!(preview.items.iter().any(|i| matches!(i,
        Item::Change { target: Target::KeyResult(id), field: Field::Title, .. }
            if *id == plan.objectives[1].key_results[0].id)));
}

#[test]
fn a_workbook_not_from_okr_grid_merges_by_titles_against_the_plan() {
    let plan = example_plan();
    let mut file = exported(&plan, "their-own.xlsx");
    file.base = None;
    for r in &mut file.rows {
        r.id = None;
    }
    // Their rows in another order, one updated.
    file.rows.reverse();
    let last = file.rows.len() - 1;
    set(&mut file, last, Field::Current, "480");
    let preview = preview(&plan, &[file]);
    assert_eq!(preview.matched, vec![Matched::ByTitles]);
    assert_eq!(preview.changes(), 1, "{:?}", preview.items);
    assert_eq!(preview.deleted(), 0);
}

#[test]
fn ids_from_another_plan_are_not_trusted() {
    let plan = example_plan();
    let mut other = example_plan();
    for o in &mut other.objectives {
        for k in &mut o.key_results {
            k.title = format!("Other {}", k.title);
        }
    }
    let file = exported(&other, "other.xlsx");
    let preview = preview(&plan, &[file]);
    assert_eq!(preview.matched, vec![Matched::ByTitles]);
    assert_eq!(preview.deleted(), 0);
    // Its rows are new key results, not changes to this plan's.
    assert_eq!(preview.changes(), 0);
    assert_eq!(preview.added(), plan.key_result_count());
}

#[test]
fn an_objective_renamed_in_the_file_is_a_change_of_its_title() {
    let plan = example_plan();
    let mut file = exported(&plan, "a.xlsx");
    for r in file
        .rows
        .iter_mut()
        .filter(|r| r.objective == plan.objectives[2].title)
    {
        r.objective = "Make content our growth engine".into();
    }
    let files = [file];
    let preview = preview(&plan, &files);
    assert_eq!(preview.changes(), 1, "{:?}", preview.items);
    let Merged { plan: merged, .. } =
        apply(&plan, &preview, &files, &preview.default_choices(), today());
    assert_eq!(merged.objectives[2].title, "Make content our growth engine");
    assert_eq!(merged.key_result_count(), plan.key_result_count());
}

#[test]
fn unreadable_choices_are_reported_not_applied() {
    let plan = example_plan();
    let mut file = exported(&plan, "a.xlsx");
    // Binary key results take 0 or 1 only.
    let binary = plan
        .objectives
        .iter()
        .flat_map(|o| &o.key_results)
        .position(|k| k.kind == Kind::Binary);
    let b = binary.expect("the example has a binary key result");
    set(&mut file, b, Field::Current, "7");
    let files = [file];
    let preview = preview(&plan, &files);
    let Merged {
        plan: merged,
        not_applied: failed,
        ..
    } = apply(&plan, &preview, &files, &preview.default_choices(), today());
    assert_eq!(failed.len(), 1);
    assert_eq!(merged.objectives, plan.objectives);
}

#[test]
fn a_row_copied_in_the_spreadsheet_is_a_new_key_result_not_lost() {
    let plan = example_plan();
    let mut file = exported(&plan, "a.xlsx");
    let mut copy = file.rows[0].clone();
    copy.values
        .insert(Field::Title, "Grow partner-sourced leads to 120".into());
    file.rows.insert(1, copy);
    let files = [file];
    let preview = preview(&plan, &files);
    assert_eq!(
        (preview.added(), preview.changes()),
        (1, 0),
        "{:?}",
        preview.items
    );
    let Merged { plan: merged, .. } =
        apply(&plan, &preview, &files, &preview.default_choices(), today());
    assert_eq!(
        merged.objectives[0].key_results.last().unwrap().title,
        "Grow partner-sourced leads to 120"
    );
}

#[test]
fn a_new_current_carries_the_confidence_the_merge_settled_on() {
    let mut plan = example_plan();
    let mut a = exported(&plan, "a.xlsx");
    let mut b = exported(&plan, "b.xlsx");
    set(&mut a, 0, Field::Current, "530");
    set(&mut a, 0, Field::Confidence, "9");
    set(&mut b, 0, Field::Confidence, "3");
    plan.objectives[0].key_results[0].confidence = Some(6);
    let files = [a, b];
    let preview = preview(&plan, &files);
    assert_eq!(
        (preview.changes(), preview.conflicts()),
        (1, 1),
        "{:?}",
        preview.items
    );
    // The confidence conflict keeps the plan's 6; the check-in says 6 too.
    let Merged { plan: merged, .. } =
        apply(&plan, &preview, &files, &preview.default_choices(), today());
    let k = kr(&merged, 0, 0);
    assert_eq!(k.confidence, Some(6));
    assert_eq!(k.check_ins.last().unwrap().confidence, Some(6));
}

#[test]
fn a_chosen_current_becomes_current_even_after_a_later_check_in() {
    let mut plan = example_plan();
    let file_date = Date::parse("2026-11-20").unwrap();
    let mut file = exported(&plan, "a.xlsx");
    set(&mut file, 0, Field::Current, "530");
    let later = crate::checkin::record(
        kr(&plan, 0, 0),
        Date::parse("2026-11-25").unwrap(),
        540.0,
        None,
        "",
    )
    .unwrap();
    plan.objectives[0].key_results[0] = later;
    let files = [file];
    let preview = preview(&plan, &files);
    assert_eq!(preview.conflicts(), 1);
    let Merged { plan: merged, .. } = apply(&plan, &preview, &files, &[1], today());
    let k = kr(&merged, 0, 0);
    assert_eq!(k.current, Some(530.0));
    let last = k.check_ins.last().unwrap();
    assert!(Date::parse(&last.when).unwrap() > file_date);
    assert_eq!(last.value, 530.0);
}

#[test]
fn the_objectives_sheet_renames_an_objective_and_title_matched_files_rename_none() {
    let plan = example_plan();
    let mut file = exported(&plan, "a.xlsx");
    let o = &plan.objectives[1];
    let mut values = objective_values(o);
    values.insert(Field::Owner, "Sam Okafor".into());
    file.objectives.push((o.id, values));
    let preview = preview(&plan, &[file]);
    assert_eq!(preview.changes(), 1, "{:?}", preview.items);
    assert!(matches!(
        preview.items[0],
        Item::Change { target: Target::Objective(id), field: Field::Owner, .. } if id == o.id
    ));
    // A workbook of its own that spells an objective differently renames nothing.
    let mut theirs = exported(&plan, "theirs.xlsx");
    theirs.base = None;
    for r in &mut theirs.rows {
        r.id = None;
        r.objective = format!("O: {}", r.objective);
    }
    assert_eq!(super::preview(&plan, &[theirs]).items, vec![]);
}

#[test]
fn a_key_result_deleted_here_does_not_come_back_unless_the_file_changed_it_and_it_is_ticked() {
    let exported_plan = example_plan();
    let mut plan = exported_plan.clone();
    let gone = plan.objectives[0].key_results.remove(1);
    let unchanged = exported(&exported_plan, "a.xlsx");
    assert_eq!(super::preview(&plan, &[unchanged]).items, vec![]);
    let mut changed = exported(&exported_plan, "b.xlsx");
    set(&mut changed, 1, Field::Current, "0.035");
    let preview = preview(&plan, &[changed]);
    assert_eq!(preview.items.len(), 1, "{:?}", preview.items);
    assert!(matches!(
        preview.items[0],
        Item::Added { note: Some(AddedNote::DeletedHere), parent: Parent::Objective(o), .. }
            if o == plan.objectives[0].id
    ));
    assert_eq!(preview.default_choices(), vec![0]);
    let _ = gone;
}

#[test]
fn a_row_moved_to_another_objective_renames_nothing_and_a_rename_needs_every_row() {
    let plan = example_plan();
    let mut moved = exported(&plan, "a.xlsx");
    moved.rows[0].objective = plan.objectives[1].title.clone();
    assert_eq!(super::preview(&plan, &[moved]).items, vec![]);
    let mut one_cell = exported(&plan, "b.xlsx");
    one_cell.rows[0].objective = "A new name".into();
    assert_eq!(super::preview(&plan, &[one_cell]).items, vec![]);
}

#[test]
fn rows_with_ids_are_matched_before_rows_matched_by_title() {
    let plan = example_plan();
    let mut file = exported(&plan, "a.xlsx");
    // A row typed above, without an id, with the title of the third key result.
    let mut typed = file.rows[2].clone();
    typed.id = None;
    typed.values.insert(Field::Current, "99".into());
    file.rows.insert(0, typed);
    let preview = preview(&plan, &[file]);
    // The third key result keeps its own row (unchanged); the typed row is a new one, with
    // the same title, offered as an addition.
    assert_eq!(preview.changes(), 0, "{:?}", preview.items);
    assert_eq!(preview.added(), 1);
}

#[test]
fn blank_cells_of_a_file_without_a_base_say_nothing() {
    let plan = example_plan();
    let mut file = exported(&plan, "theirs.csv");
    file.base = None;
    for r in &mut file.rows {
        r.id = None;
        r.values.insert(Field::Notes, String::new());
        r.values.insert(Field::Current, String::new());
    }
    file.rows[0]
        .values
        .insert(Field::Notes, "Only this one".into());
    let preview = preview(&plan, &[file]);
    assert_eq!(preview.changes(), 1, "{:?}", preview.items);
}

#[test]
fn a_deletion_of_a_key_result_edited_here_says_so_with_one_file() {
    let mut plan = example_plan();
    let mut file = exported(&plan, "a.xlsx");
    file.rows.remove(0);
    plan.objectives[0].key_results[0].notes = "Changed here".into();
    let preview = preview(&plan, &[file]);
    assert!(
        matches!(preview.items[..], [Item::Deleted { edited: true, .. }]),
        "{:?}",
        preview.items
    );
}

#[test]
fn without_its_id_column_a_copy_still_merges_against_the_export() {
    let exported_plan = example_plan();
    let mut plan = exported_plan.clone();
    plan.objectives[0].key_results[0].current = Some(560.0);
    let mut file = exported(&exported_plan, "no-ids.xlsx");
    for r in &mut file.rows {
        r.id = None;
    }
    set(&mut file, 1, Field::Notes, "From the file");
    let preview = preview(&plan, &[file]);
    assert_eq!(preview.matched, vec![Matched::ByTitlesAgainstExport]);
    // The file's stale Current (520, as exported) does not undo the 560 typed here.
    assert_eq!(
        (preview.changes(), preview.conflicts()),
        (1, 0),
        "{:?}",
        preview.items
    );
}

#[test]
fn the_same_new_row_with_other_values_in_a_second_file_is_offered_unticked() {
    let plan = example_plan();
    let mut a = exported(&plan, "a.xlsx");
    let mut b = exported(&plan, "b.xlsx");
    let mut new_row = a.rows[0].clone();
    new_row.id = None;
    new_row
        .values
        .insert(Field::Title, "Launch referrals".into());
    a.rows.push(new_row.clone());
    new_row.values.insert(Field::Target, "99".into());
    b.rows.push(new_row);
    let preview = preview(&plan, &[a, b]);
    assert_eq!(preview.added(), 2);
    assert_eq!(preview.default_choices(), vec![1, 0]);
    assert!(matches!(
        preview.items[1],
        Item::Added {
            note: Some(AddedNote::AlsoAddedBy(0)),
            ..
        }
    ));
}

#[test]
fn a_number_rounded_by_another_program_is_no_change() {
    let plan = example_plan();
    let mut file = exported(&plan, "a.xlsx");
    // The landing-page conversion, 0.032, as a program writing 17 digits might.
    set(&mut file, 1, Field::Current, "0.032000000000000001");
    assert_eq!(super::preview(&plan, &[file]).items, vec![]);
}

#[test]
fn a_value_the_plan_refuses_is_refused_in_a_merge_too() {
    let mut plan = example_plan();
    // A milestone's target is its number of steps.
    let m = &mut plan.objectives[0].key_results[2];
    m.kind = Kind::Milestone;
    m.steps = ["Brief", "Launch"]
        .iter()
        .map(|t| crate::model::Step {
            title: t.to_string(),
            done: false,
        })
        .collect();
    m.sync_steps();
    let mut file = exported(&plan, "a.xlsx");
    set(&mut file, 2, Field::Target, "9");
    set(&mut file, 0, Field::Owner, "Ana Ruiz");
    let files = [file];
    let preview = preview(&plan, &files);
    assert_eq!(preview.changes(), 2, "{:?}", preview.items);
    let merged = apply(&plan, &preview, &files, &preview.default_choices(), today());
    assert_eq!(merged.applied, 1);
    assert!(
        matches!(
            merged.not_applied[..],
            [NotApplied {
                why: Why::Refused(crate::command::CommandError::Milestone(2)),
                ..
            }]
        ),
        "{:?}",
        merged.not_applied
    );
    assert_eq!(kr(&merged.plan, 0, 0).owner, "Ana Ruiz");
    assert_eq!(kr(&merged.plan, 0, 2).target, Some(2.0));
}
