// The form of one organ (/admin/organs/new and /admin/organs/$organId): name, code, kind, level, parent by its code,
// vertical management. Plain fields posted without JavaScript; the action checks them with OrganFormSchema.
import { Form } from "@remix-run/react";
import { Checkbox, Select } from "~/components/fields";
import { CsrfInput, Field, SubmitButton } from "~/components/form";
import { organKindValues, organLevelOrder } from "~/domain/admin";
import { isMessageKey, useT } from "~/utils/i18n";
import "~/locales/areas/admin";

export interface OrganFormValues {
  name: string;
  code: string;
  kind: string;
  level: string;
  parentCode: string;
  isVertical: boolean;
  verticalCategory: string;
  documentPrefix: string;
}

export interface OrganFormFailure {
  errors: Record<string, string>;
  formError: string;
  values: Record<string, string>;
}

export function OrganForm({ initial, failure, submit, parentLocked }: { initial: OrganFormValues; failure?: OrganFormFailure; submit: string; parentLocked?: boolean }) {
  const t = useT();
  const v = (k: keyof OrganFormValues) => (failure ? (failure.values[k] ?? "") : String(initial[k] ?? ""));
  const e = (k: string) => failure?.errors[k];
  return (
    <Form method="post" noValidate>
      <CsrfInput />
      {failure ? (
        <div className="alert alert--error" role="alert">
          {isMessageKey(failure.formError) ? t(failure.formError) : failure.formError}
        </div>
      ) : null}
      <Field name="name" required maxLength={100} label={t("admin.organ.name")} error={e("name")} defaultValue={v("name")} />
      <Field name="code" required maxLength={60} label={t("admin.organ.code")} hint={t("admin.organ.codeHint")} error={e("code")} defaultValue={v("code")} />
      <Select name="kind" label={t("admin.organ.kind")} error={e("kind")} defaultValue={v("kind")} options={organKindValues.map((k) => ({ value: k, label: t(`kind.${k}`) }))} />
      <Select name="level" label={t("admin.organ.level")} hint={t("admin.organ.levelHint")} error={e("level")} defaultValue={v("level")} options={organLevelOrder.map((l) => ({ value: l, label: t(`level.${l}`) }))} />
      {parentLocked ? (
        <>
          <input type="hidden" name="parentCode" value={v("parentCode")} />
          <p>{t("admin.organ.parentLocked")}</p>
        </>
      ) : (
        <Field name="parentCode" maxLength={60} label={t("admin.organ.parentCode")} hint={t("admin.organ.parentHint")} error={e("parentCode")} defaultValue={v("parentCode")} />
      )}
      <Checkbox name="isVertical" label={t("admin.organ.vertical")} hint={t("admin.organ.verticalHint")} defaultChecked={failure ? failure.values.isVertical === "yes" : initial.isVertical} />
      <Field name="verticalCategory" maxLength={50} label={t("admin.organ.verticalCategory")} error={e("verticalCategory")} defaultValue={v("verticalCategory")} />
      <Field name="documentPrefix" maxLength={20} label={t("admin.organ.documentPrefix")} hint={t("admin.organ.documentPrefixHint")} error={e("documentPrefix")} defaultValue={v("documentPrefix")} />
      <SubmitButton>{submit}</SubmitButton>
    </Form>
  );
}
