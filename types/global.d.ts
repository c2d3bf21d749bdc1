/// <reference types="@tarojs/taro" />

declare module '*.png'
declare module '*.svg'
declare module '*.scss'

declare namespace NodeJS {
  interface ProcessEnv {
    NODE_ENV?: 'development' | 'production' | 'test'
    TARO_ENV?: 'weapp' | 'h5'
  }
}

/** The WeChat cloud environment id, injected at build time (CLOUD_ENV). */
declare const CLOUD_ENV: string

/** The subscribe-message template id for the day-before booking reminder (WX_TMPL_BOOKING_REMINDER at build time; empty: not asked). */
declare const BOOKING_REMINDER_TEMPLATE: string

/** The subscribe-message template id for 即将到号 (WX_TMPL_QUEUE_SOON at build time; empty: not asked). */
declare const QUEUE_SOON_TEMPLATE: string
