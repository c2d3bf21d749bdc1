import { Field } from './field'

interface PersonFieldsProps {
  /** The two fields' ids, unique on the page (tests and labels find the fields by them). */
  ids: { name: string; idNumber: string }
  name: string
  idNumber: string
  onName: (value: string) => void
  onIdNumber: (value: string) => void
  errors: { name?: string; idNumber?: string }
  /** Whose name, e.g. 您的姓名, 老人姓名. */
  nameLabel?: string
  /** Whose number, e.g. 老人身份证号码. */
  idLabel?: string
  /** Said under the ID number: what it is for. The masking is always said. */
  idHint?: string
}

/** What every form says of an ID number once typed: kept sealed, shown with most digits hidden. */
export const ID_NUMBER_MASKING = '号码加密保存，页面上只显示部分数字。'

/**
 * A person's name and ID number, the pair every form asks for (我的身份, 亲友, 预约, 上门认证): the labels, the
 * ID-card keyboard, the lengths, the placeholders, the masking hint and each field's error in words.
 */
export function PersonFields({
  ids,
  name,
  idNumber,
  onName,
  onIdNumber,
  errors,
  nameLabel = '姓名',
  idLabel = '身份证号码',
  idHint,
}: PersonFieldsProps) {
  return (
    <>
      <Field id={ids.name} label={nameLabel} value={name} onChange={onName} error={errors.name} maxlength={20} placeholder="与身份证一致" />
      <Field
        id={ids.idNumber}
        label={idLabel}
        value={idNumber}
        onChange={onIdNumber}
        error={errors.idNumber}
        type="idcard"
        maxlength={18}
        placeholder="18 位，末位可能是 X"
        hint={idHint ? `${idHint}${ID_NUMBER_MASKING}` : ID_NUMBER_MASKING}
      />
    </>
  )
}
